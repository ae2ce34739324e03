import Foundation
import KioskCore
import Logging

/// Checks the technician PIN typed on the screen, with the lockout, and writes one `kioskd.audit`
/// line per attempt (action "service menu PIN", outcome accepted / refused / locked). Never the PIN.
actor ServiceMenuGate {
    private let pin: TechnicianPINHash
    private let audit: Logger
    private var limiter = PINAttemptLimiter()

    init(pin: TechnicianPINHash, audit: Logger) {
        self.pin = pin
        var audit = audit
        if audit.logLevel > .notice { audit.logLevel = .notice }
        self.audit = audit
    }

    func attempt(_ candidate: String) -> PINAttemptLimiter.Verdict {
        let verdict = limiter.attempt(at: Date()) { TechnicianPINHash.isWellFormed(pin: candidate) && pin.matches(candidate) }
        let outcome = switch verdict {
        case .accepted: "accepted"
        case .refused: "refused"
        case .locked: "locked"
        }
        record("service menu PIN", outcome: outcome)
        return verdict
    }

    /// A change made from the menu (maintenance, test page, test pattern), audited like an admin action.
    nonisolated func record(_ action: String, outcome: String) {
        audit.notice("service menu action", metadata: [
            AdminAuditKey.action: "\(action)",
            AdminAuditKey.outcome: "\(outcome)",
            AdminAuditKey.origin: "resident screen",
        ])
    }
}
