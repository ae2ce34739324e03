import KioskCore

/// Whether the backend answers, judged from the outcome of each check: two failed checks in a row
/// take the kiosk out of service (once no resident is served), one answer brings it back. Any answer,
/// even a refusal, means the backend is there. Decides the pause before the next check: a first
/// failure is confirmed quickly, an outage is watched closely for its end.
public struct BackendHealth: Sendable {
    public struct Timing: Sendable {
        public var healthyInterval: Duration
        public var confirmDelay: Duration
        public var outageInterval: Duration

        public init(healthyInterval: Duration = .seconds(30), confirmDelay: Duration = .seconds(2), outageInterval: Duration = .seconds(5)) {
            self.healthyInterval = healthyInterval
            self.confirmDelay = confirmDelay
            self.outageInterval = outageInterval
        }
    }

    /// Codes that mean the backend is not there.
    public static let outageCodes: Set<KioskError.Code> = [.backendUnreachable, .backendTimeout, .backendServerError, .backendTLS]

    public let timing: Timing
    private var failuresInARow = 0
    /// The outage reported, while the backend is down.
    public private(set) var outage: KioskError.Code?

    public init(timing: Timing = Timing()) {
        self.timing = timing
    }

    /// The check ended with `failure` (nil: the backend answered); the event for the session when
    /// this starts or ends an outage.
    public mutating func checked(failure: KioskError.Code?) -> SessionEvent? {
        guard let failure, Self.outageCodes.contains(failure) else {
            failuresInARow = 0
            guard let ended = outage else { return nil }
            outage = nil
            return .serviceRestored(ended)
        }
        failuresInARow += 1
        guard failuresInARow >= 2, outage == nil else { return nil }
        outage = failure
        return .serviceDegraded(failure)
    }

    /// How long to wait before the next check.
    public var pause: Duration {
        outage != nil ? timing.outageInterval : failuresInARow > 0 ? timing.confirmDelay : timing.healthyInterval
    }
}
