import Foundation

/// Technician PIN attempts on the kiosk's screen: after 5 wrong PINs in a row every attempt is
/// refused for a while, the right PIN too: 15 minutes the first time, then twice as long at each
/// lockout in a row (at most 4 hours), until the right PIN is accepted. kioskd keeps it on disk
/// (`PINLockoutFile`), so a restart or a power cut gives no new attempts; a technician at the admin
/// socket can lift it (`kioskctl pin unlock`), so a stranger at the screen cannot lock them out.
/// Sans-I/O: the caller passes the time and whether the PIN matched.
public struct PINAttemptLimiter: Sendable, Equatable, Codable {
    public static let maximumFailures = 5
    public static let firstLockoutSeconds: TimeInterval = 15 * 60
    public static let longestLockoutSeconds: TimeInterval = 4 * 3600

    public enum Verdict: Sendable, Equatable {
        case accepted
        /// Wrong PIN; `remaining` attempts before the lockout.
        case refused(remaining: Int)
        case locked(until: Date)
    }

    private(set) var failures = 0
    private(set) var lockedUntil: Date?
    /// Lockouts since the right PIN was last accepted: each doubles the next one.
    private(set) var lockouts = 0

    enum CodingKeys: String, CodingKey {
        case failures
        case lockedUntil = "locked_until"
        case lockouts
    }

    public init() {}

    /// A limiter that refuses everything for the first lockout's length: what a kiosk whose record
    /// of attempts cannot be read starts with (it may have been deleted to get new attempts).
    public static func lockedOnStart(at now: Date) -> Self {
        var limiter = Self()
        limiter.lockouts = 1
        limiter.lockedUntil = now.addingTimeInterval(firstLockoutSeconds)
        return limiter
    }

    /// Judges one attempt; `matches` is asked only when the kiosk is not locked.
    public mutating func attempt(at now: Date, matches: () -> Bool) -> Verdict {
        if let until = lockedUntil {
            if now < until { return .locked(until: until) }
            lockedUntil = nil
            failures = 0
        }
        if matches() {
            failures = 0
            lockouts = 0
            return .accepted
        }
        failures += 1
        guard failures < Self.maximumFailures else {
            lockouts += 1
            let length = min(Self.firstLockoutSeconds * pow(2, Double(lockouts - 1)), Self.longestLockoutSeconds)
            let until = now.addingTimeInterval(length)
            lockedUntil = until
            return .locked(until: until)
        }
        return .refused(remaining: Self.maximumFailures - failures)
    }

    /// A technician lifted the lockout (audited at the admin socket).
    public mutating func unlock() {
        self = Self()
    }

    public var isLocked: Bool { lockedUntil != nil }
}
