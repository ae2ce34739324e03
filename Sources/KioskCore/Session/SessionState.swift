/// Where the resident session stands. Every way out of a session lands on a value that holds no
/// personal data (`holdsPersonalData == false`).
public indirect enum SessionState: Sendable, Hashable {
    /// Idle: the attract screen, with a message from the session that just ended (timed out, card pulled…).
    case attract(notice: KioskError.Code?)
    case readingCard(CardKind)
    case typingIdentity(notice: KioskError.Code?)
    case lookingUpPerson(IdentityClaim, payer: Person?)
    case lookingUpEnrollment(Person, payer: Person?)
    /// Payable: category, tiers, amount and breakdown, relief, window; waiting for confirmation.
    case showingEnrollment(EnrollmentContext)
    /// Exempt: confirm the registration; nothing to pay, a slip is printed.
    case confirmingRegistration(EnrollmentContext)
    /// Already paid for the year: a reprint of that payment's receipt is offered.
    case alreadyPaid(EnrollmentContext)
    /// The backend will not take a payment now (outside the window, not eligible, already paid elsewhere).
    case unavailable(Person, payer: Person?, SessionProblem)
    /// 代缴: the payer picks a relative or types the other person's name and ID number.
    case choosingBeneficiary(payer: Person, notice: KioskError.Code?)
    case loadingHistory(Person, returnTo: SessionState)
    case showingHistory(Person, [PaymentHistoryEntry], returnTo: SessionState)
    case choosingMethod(EnrollmentContext)
    case checkingPrinter(PaymentDraft)
    case printerUnavailable(PaymentDraft, PrinterReadiness)
    case awaitingPayCode(PaymentDraft, notice: KioskError.Code?)
    /// The intent is being committed to the journal; the pay code is held only until it is submitted.
    case journalingIntent(PaymentDraft, payCode: PayCode?)
    case submitting(PaymentInFlight)
    /// The create call's answer was lost: the payment is looked up by its idempotency key.
    case resolvingSubmission(PaymentInFlight, SessionProblem, attemptsLeft: Int)
    /// User-paying or unknown: the payment is queried every poll interval.
    case awaitingPayer(PaymentInFlight, PaymentSnapshot, pollsLeft: Int)
    case showingQR(PaymentInFlight, PaymentSnapshot)
    case reversing(PaymentInFlight, ReversalReason, attemptsLeft: Int)
    /// The terminal has the payment: the resident inserts or taps the card and enters the PIN there.
    /// `cancelling`: the resident pressed cancel and the terminal was asked to stop.
    case atTerminal(PaymentInFlight, cancelling: Bool)
    /// The terminal's answer was lost: its outcome is asked for (TransactionStatus), never sent again.
    /// `cancelling`: the resident cancelled; a charge found is given back, not kept.
    case resolvingTerminal(PaymentInFlight, attemptsLeft: Int, cancelling: Bool)
    /// An approved card payment is being given back at the terminal (`flight.card` is set).
    case reversingAtTerminal(PaymentInFlight, ReversalReason, attemptsLeft: Int)
    /// The payment failed (declined, expired, never confirmed): try again or leave.
    case paymentFailed(EnrollmentContext, SessionProblem)
    case fetchingReceipt(ReceiptJob)
    case printing(PrintJob)
    case takingReceipt(SessionCompletion)
    /// "Still there?" countdown after an idle timeout; continuing resumes the screen.
    case stillThere(resume: SessionState)
    case finished(SessionCompletion)
    /// The session ended with an error; the data is already wiped.
    case failed(SessionProblem)
    case outOfService(KioskError.Code)
    case maintenance
    case stopped
}

extension SessionState {
    /// The case without its data: for logs, metrics and tests.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case attract, readingCard, typingIdentity, lookingUpPerson, lookingUpEnrollment, showingEnrollment
        case confirmingRegistration, alreadyPaid, unavailable, choosingBeneficiary, loadingHistory, showingHistory
        case choosingMethod, checkingPrinter, printerUnavailable, awaitingPayCode, journalingIntent, submitting
        case resolvingSubmission, awaitingPayer, showingQR, reversing, atTerminal, resolvingTerminal, reversingAtTerminal
        case paymentFailed, fetchingReceipt, printing
        case takingReceipt, stillThere, finished, failed, outOfService, maintenance, stopped
    }

    public var kind: Kind {
        switch self {
        case .attract: .attract
        case .readingCard: .readingCard
        case .typingIdentity: .typingIdentity
        case .lookingUpPerson: .lookingUpPerson
        case .lookingUpEnrollment: .lookingUpEnrollment
        case .showingEnrollment: .showingEnrollment
        case .confirmingRegistration: .confirmingRegistration
        case .alreadyPaid: .alreadyPaid
        case .unavailable: .unavailable
        case .choosingBeneficiary: .choosingBeneficiary
        case .loadingHistory: .loadingHistory
        case .showingHistory: .showingHistory
        case .choosingMethod: .choosingMethod
        case .checkingPrinter: .checkingPrinter
        case .printerUnavailable: .printerUnavailable
        case .awaitingPayCode: .awaitingPayCode
        case .journalingIntent: .journalingIntent
        case .submitting: .submitting
        case .resolvingSubmission: .resolvingSubmission
        case .awaitingPayer: .awaitingPayer
        case .showingQR: .showingQR
        case .reversing: .reversing
        case .atTerminal: .atTerminal
        case .resolvingTerminal: .resolvingTerminal
        case .reversingAtTerminal: .reversingAtTerminal
        case .paymentFailed: .paymentFailed
        case .fetchingReceipt: .fetchingReceipt
        case .printing: .printing
        case .takingReceipt: .takingReceipt
        case .stillThere: .stillThere
        case .finished: .finished
        case .failed: .failed
        case .outOfService: .outOfService
        case .maintenance: .maintenance
        case .stopped: .stopped
        }
    }
}
