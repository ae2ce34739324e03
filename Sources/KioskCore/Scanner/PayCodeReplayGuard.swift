/// "The same pay code scanned twice within its validity is used once."
///
/// Remembers each admitted code for `validity` as a salted SipHash (Swift's `Hasher`, seeded
/// randomly per process, plus a random salt per guard), never the digits themselves.
public struct PayCodeReplayGuard: Sendable {
    /// More distinct codes than this within one validity period are not expected at one kiosk;
    /// beyond it the oldest are forgotten first, so memory stays bounded.
    static let capacity = 1024

    public let validity: Duration
    private let salt = UInt64.random(in: .min ... .max)
    private var admitted: [Int: Duration] = [:]

    public init(validity: Duration = .seconds(120)) {
        self.validity = validity
    }

    /// true the first time; false when the same code was admitted less than `validity` ago. `now` is
    /// the time on the kiosk's clock since any fixed origin (the session controller's start).
    public mutating func admit(_ code: PayCode, at now: Duration) -> Bool {
        admitted = admitted.filter { now - $0.value < validity }
        let fingerprint = fingerprint(of: code)
        guard admitted[fingerprint] == nil else { return false }
        if admitted.count >= Self.capacity, let oldest = admitted.min(by: { $0.value < $1.value }) {
            admitted[oldest.key] = nil
        }
        admitted[fingerprint] = now
        return true
    }

    /// How many codes are remembered now (at most `capacity`).
    public var rememberedCount: Int { admitted.count }

    private func fingerprint(of code: PayCode) -> Int {
        var hasher = Hasher()
        hasher.combine(salt)
        hasher.combine(code.value)
        return hasher.finalize()
    }
}
