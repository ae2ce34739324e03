/// What the controller must do. The machine never does any of it itself.
public enum SessionAction: Sendable, Hashable {
    case startTimer(TimerKind, seconds: Int, generation: Int)
    case cancelTimer(TimerKind)
    case readCard(CardKind)
    case resolveIdentity(IdentityClaim)
    case loadEnrollment(personRef: String, year: Int)
    case loadPaymentHistory(personRef: String)
    case checkPrinter
    /// Generate an idempotency key, commit the intent, answer `paymentIntentJournaled(key)`.
    case journalPaymentIntent(PaymentOrder)
    /// `card`: the terminal's approval, which the backend records (method card).
    case submitPayment(idempotencyKey: String, PaymentOrder, payCode: PayCode?, card: CardApproval? = nil)
    /// Ask the payment terminal for the payment journaled under the key (answers `terminalAnswered` / `terminalFailed`).
    case payAtTerminal(idempotencyKey: String, amount: Money)
    /// The outcome of that payment (nexo TransactionStatus; answers `terminalStatusFound` / `terminalStatusFailed`).
    case queryTerminal(idempotencyKey: String, amount: Money)
    /// The resident cancelled at the screen: ask the terminal to stop (the payment's own answer follows).
    case abortAtTerminal(idempotencyKey: String, amount: Money)
    /// Give an approved card payment back (answers `terminalReversed` / `terminalReversalFailed`).
    case reverseAtTerminal(CardApproval, TerminalReversalReason)
    /// Commit the terminal's approval to the journal before the backend is told of it.
    case journalCardApproval(idempotencyKey: String, CardApproval)
    case journalSubmission(idempotencyKey: String, paymentID: String)
    case journalPaymentState(idempotencyKey: String, JournalPaymentState)
    case journalReceipt(idempotencyKey: String, JournalReceiptState)
    /// The backend's payment differs from what the resident confirmed (field names): journal it for
    /// technicians (`kioskctl diag`), count it, log it.
    case journalAnomaly(idempotencyKey: String, paymentID: String, differences: [String])
    case queryPayment(paymentID: String)
    case fencePaymentKey(idempotencyKey: String)
    case reversePayment(paymentID: String, idempotencyKey: String)
    case fetchReceipt(paymentID: String)
    case printDocument(ReceiptDocument)
    case recordSessionEnd(SessionEndReason)
    /// Money may have moved without a final journal state: reconcile now, not at the next start.
    case reconcilePayments
}

extension SessionAction {
    /// The action's name without personal data: safe to log.
    public var name: String {
        switch self {
        case .startTimer(let kind, let seconds, let generation): "startTimer(\(kind.rawValue), \(seconds)s, \(generation))"
        case .cancelTimer(let kind): "cancelTimer(\(kind.rawValue))"
        case .readCard(let kind): "readCard(\(kind.rawValue))"
        case .resolveIdentity(let claim): "resolveIdentity(\(claim.method))"
        case .loadEnrollment(_, let year): "loadEnrollment(\(year))"
        case .loadPaymentHistory: "loadPaymentHistory"
        case .checkPrinter: "checkPrinter"
        case .journalPaymentIntent(let order): "journalPaymentIntent(\(order.method.rawValue), \(order.amount.fen))"
        case .submitPayment(_, let order, _, _): "submitPayment(\(order.method.rawValue))"
        case .payAtTerminal: "payAtTerminal"
        case .queryTerminal: "queryTerminal"
        case .abortAtTerminal: "abortAtTerminal"
        case .reverseAtTerminal(_, let reason): "reverseAtTerminal(\(reason.rawValue))"
        case .journalCardApproval: "journalCardApproval"
        case .journalSubmission: "journalSubmission"
        case .journalPaymentState(_, let state): "journalPaymentState(\(state.rawValue))"
        case .journalReceipt(_, let state): "journalReceipt(\(state.rawValue))"
        case .journalAnomaly(_, _, let differences): "journalAnomaly(\(differences.joined(separator: ",")))"
        case .queryPayment: "queryPayment"
        case .fencePaymentKey: "fencePaymentKey"
        case .reversePayment: "reversePayment"
        case .fetchReceipt: "fetchReceipt"
        case .printDocument(let document): "printDocument(\(document.kindName))"
        case .recordSessionEnd(let reason): "recordSessionEnd(\(reason))"
        case .reconcilePayments: "reconcilePayments"
        }
    }
}

extension ReceiptDocument {
    public var kindName: String {
        switch self {
        case .electronicReceipt: "electronicReceipt"
        case .registrationSlip: "registrationSlip"
        case .testPage: "testPage"
        }
    }
}
