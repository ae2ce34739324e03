import Foundation

/// Technician PIN attempts on the kiosk's screen: after 5 wrong PINs in a row every attempt is
/// refused for 15 minutes, the right PIN too. Kept in kioskd's memory only (a restart clears it).
/// Sans-I/O: the caller passes the time and whether the PIN matched.
public struct PINAttemptLimiter: Sendable {
    public static let maximumFailures = 5
    public static let lockoutSeconds: TimeInterval = 15 * 60

    public enum Verdict: Sendable, Equatable {
        case accepted
        /// Wrong PIN; `remaining` attempts before the lockout.
        case refused(remaining: Int)
        case locked(until: Date)
    }

    private var failures = 0
    private var lockedUntil: Date?

    public init() {}

    /// Judges one attempt; `matches` is asked only when the kiosk is not locked.
    public mutating func attempt(at now: Date, matches: () -> Bool) -> Verdict {
        if let until = lockedUntil {
            if now < until { return .locked(until: until) }
            lockedUntil = nil
            failures = 0
        }
        if matches() {
            failures = 0
            return .accepted
        }
        failures += 1
        guard failures < Self.maximumFailures else {
            let until = now.addingTimeInterval(Self.lockoutSeconds)
            lockedUntil = until
            return .locked(until: until)
        }
        return .refused(remaining: Self.maximumFailures - failures)
    }
}
