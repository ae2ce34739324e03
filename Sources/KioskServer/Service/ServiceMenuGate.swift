import Foundation
import KioskConfig
import KioskCore
import Logging

/// Checks the technician PIN typed on the screen, with the lockout kept on disk, and writes one
/// `kioskd.audit` line per attempt (action "service menu PIN", outcome accepted / refused / locked). Never the PIN.
actor ServiceMenuGate {
    private let pin: TechnicianPINHash
    private let audit: Logger
    private let logger: Logger
    private let record: PINLockoutFile
    private var limiter: PINAttemptLimiter
    private let wallClock: WallClock

    init(pin: TechnicianPINHash, record: PINLockoutFile, wallClock: WallClock, audit: Logger, logger: Logger) {
        self.pin = pin
        self.wallClock = wallClock
        var audit = audit
        if audit.logLevel > .notice { audit.logLevel = .notice }
        self.audit = audit
        self.logger = logger
        self.record = record
        limiter = record.load(now: wallClock.now(), logger: logger)
    }

    func attempt(_ candidate: String) -> PINAttemptLimiter.Verdict {
        let verdict = limiter.attempt(at: wallClock.now()) { TechnicianPINHash.isWellFormed(pin: candidate) && pin.matches(candidate) }
        keep()
        let outcome = switch verdict {
        case .accepted: "accepted"
        case .refused: "refused"
        case .locked: "locked"
        }
        record("service menu PIN", outcome: outcome)
        return verdict
    }

    /// `kioskctl pin unlock`: a technician at the admin socket lifts the lockout. Whether it was locked.
    func unlock() -> Bool {
        let wasLocked = limiter.isLocked
        limiter.unlock()
        keep()
        return wasLocked
    }

    /// On disk before the answer goes out: a restart or a power cut gives no new attempts.
    private func keep() {
        do throws(KioskError) {
            try record.save(limiter)
        } catch {
            logger.error("cannot keep the service menu's PIN attempts; they hold until kioskd restarts: \(error.message)")
        }
    }

    /// A change made from the menu (maintenance, test page, test pattern), audited like an admin action.
    nonisolated func record(_ action: String, outcome: String) {
        audit.notice("service menu action", metadata: [
            LogKey.action: "\(action)",
            LogKey.outcome: "\(outcome)",
            LogKey.origin: "resident screen",
        ])
    }
}
