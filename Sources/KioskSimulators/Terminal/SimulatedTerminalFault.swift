/// A fault the simulated terminal plays (`SimulatedPaymentTerminal.inject(_:)`). Each is used once:
/// inject it twice for two payments. A Payment takes `.busy` alone when one is pending (the next
/// Payment then takes the others); otherwise it takes one of each other payment fault pending, and
/// they combine (e.g. `.answerLostAfterApproval` with `.inProgressFor`).
public enum SimulatedTerminalFault: Sendable, Hashable, CustomStringConvertible {
    /// The next Payment is answered `Result` Failure, `ErrorCondition` Busy at once; nothing runs,
    /// nothing is recorded (TransactionStatus for it: NotFound).
    case busy
    /// The next Payment runs as usual; if it is approved (the card is charged), its answer is lost
    /// (`.dropped`). TransactionStatus tells the truth. A declined payment is answered as usual.
    case answerLostAfterApproval
    /// The next Payment's answer is lost (`.dropped`) whatever its outcome; TransactionStatus tells.
    case answerLost
    /// The terminal reboots once the next Payment's PIN is right, before it authorises: the payment
    /// is forgotten (nothing charged, nothing recorded), its answer is `.dropped`, the pad goes back
    /// to idle, and TransactionStatus answers NotFound. A payment that ends before authorising
    /// (cancel, timeout, wrong PIN) uses the fault up without effect.
    case restartMidTransaction
    /// The next Payment is accepted and runs as usual (the cardholder can pay, cancel, walk away;
    /// the sale system can abort it), but the terminal never answers it: `handle` returns `.hang`
    /// at once. TransactionStatus answers InProgress while it runs, then its real outcome, so the
    /// card may well have been charged: the case a sale system must settle by asking. Meanwhile
    /// the terminal is busy with it, as with any running payment.
    case neverAnswers
    /// TransactionStatus answers InProgress for the next Payment for this long on the terminal's
    /// clock after it finished, then its real outcome. The Payment's own answer is not affected.
    case inProgressFor(Duration)
    /// The next Reversal of an approved payment is refused by the acquirer: `Result` Failure,
    /// `ErrorCondition` Refusal, `refusalReason=Refused`; the payment stays charged. (Unlike
    /// NotAllowed / NotFound, which say there is nothing to reverse.)
    case declineReversal

    public var description: String {
        switch self {
        case .busy: "busy"
        case .answerLostAfterApproval: "answerLostAfterApproval"
        case .answerLost: "answerLost"
        case .restartMidTransaction: "restartMidTransaction"
        case .neverAnswers: "neverAnswers"
        case .inProgressFor(let duration): "inProgressFor(\(duration))"
        case .declineReversal: "declineReversal"
        }
    }

    /// Faults a Payment takes (all but `declineReversal`).
    var isPaymentFault: Bool { self != .declineReversal }

    /// The same fault, whatever its duration: a Payment takes one of each.
    var kind: String {
        if case .inProgressFor = self { return "inProgressFor" }
        return description
    }
}

extension SimulatedTerminalFault {
    /// The fault a demo panel or `kiosk-sim terminal` names ("inProgress": in progress for 20 s).
    public init?(name: String) {
        switch name {
        case "busy": self = .busy
        case "answerLostAfterApproval": self = .answerLostAfterApproval
        case "answerLost": self = .answerLost
        case "restartMidTransaction": self = .restartMidTransaction
        case "neverAnswers": self = .neverAnswers
        case "inProgress": self = .inProgressFor(.seconds(20))
        case "declineReversal": self = .declineReversal
        default: return nil
        }
    }

    public static let names = ["busy", "answerLostAfterApproval", "answerLost", "restartMidTransaction", "neverAnswers", "inProgress", "declineReversal"]
}
