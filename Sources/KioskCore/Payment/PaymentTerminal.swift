import Foundation

/// A certified payment terminal (PIN pad / MIS-POS module) that takes card payments for the kiosk:
/// the card is read and the PIN entered inside it, and the kiosk never sees either.
///
/// The role is the ECR ("sale system to POI") dialogue of nexo Retailer, narrowed to what a kiosk
/// needs, so that an acquirer's proprietary library can sit behind it as well as `NexoTerminal`.
/// Every implementation must keep these promises (README, "Payment terminals"):
/// - one request at a time: a call made while another is running waits for it;
/// - a payment is named by its `TerminalPaymentRequest` (the kiosk's idempotency key and the
///   request's own message id), and `status(of:)` answers for exactly that payment — never by
///   sending it again;
/// - a thrown error means the outcome is unknown (`terminal.unreachable`, `terminal.no_answer`…)
///   or nothing was done (`terminal.busy`, `terminal.refused`), as its code says.
public protocol PaymentTerminal: Sendable {
    /// Asks the terminal to take `request.amount`. Returns when the resident has finished at the PIN
    /// pad (approved, declined, cancelled); throws when the answer is lost.
    func pay(_ request: TerminalPaymentRequest) async throws(KioskError) -> TerminalOutcome
    /// The outcome of an earlier `pay` (nexo TransactionStatus): the only way to settle a lost answer.
    func status(of request: TerminalPaymentRequest) async throws(KioskError) -> TerminalStatus
    /// Asks the terminal to stop the payment in progress (the resident pressed cancel). The running
    /// `pay` then returns `.declined(.cancelled)`, or its approval if the card was already charged.
    func abort(_ request: TerminalPaymentRequest) async throws(KioskError)
    /// Gives the money of an approved payment back (nexo Reversal).
    func reverse(_ approval: CardApproval, reason: TerminalReversalReason) async throws(KioskError) -> TerminalReversal
    /// Opens the session between kiosk and terminal (nexo Login).
    func login() async throws(KioskError) -> TerminalLogin
    /// The day's settlement with the acquirer (nexo Reconciliation).
    func settle() async throws(KioskError) -> TerminalSettlement
    /// Whether the terminal and its acquirer host are reachable (nexo Diagnosis).
    func diagnose() async throws(KioskError) -> TerminalDiagnosis
}

/// One card payment as the terminal knows it. Journaled (through its idempotency key) before the
/// terminal is asked, so that after a crash the same payment can be asked about.
public struct TerminalPaymentRequest: Sendable, Hashable {
    /// The kiosk's idempotency key: nexo `SaleTransactionID.TransactionID`.
    public var transactionID: String
    /// When the kiosk created the payment: nexo `SaleTransactionID.TimeStamp`.
    public var createdAt: Date
    public var amount: Money

    public init(transactionID: String, createdAt: Date, amount: Money) {
        self.transactionID = transactionID
        self.createdAt = createdAt
        self.amount = amount
    }

    public init(_ intent: PaymentIntent) {
        self.init(transactionID: intent.idempotencyKey, createdAt: intent.createdAt, amount: intent.amount)
    }

    /// The message id of the payment request (nexo `ServiceID`: 1–10 letters and digits, unique per
    /// terminal for 48 hours), derived from the idempotency key so that it need not be journaled
    /// separately and is the same after a restart: the key's last ten letters and digits (random).
    public var serviceID: String {
        String(transactionID.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }.map(Character.init).suffix(10))
    }
}

/// What the terminal says about a payment it finished.
public enum TerminalOutcome: Sendable, Hashable {
    /// The card was charged.
    case approved(CardApproval)
    /// Nothing was charged.
    case declined(CardRefusal)
}

/// What `status(of:)` finds.
public enum TerminalStatus: Sendable, Hashable {
    case finished(TerminalOutcome)
    /// The resident is still at the PIN pad (or the terminal still waits for its host): ask again later.
    case inProgress
    /// The terminal never received the payment: nothing was charged, and the request is dead.
    case notFound
}

/// Why a card payment did not go through. Nothing was charged in any of these.
public enum CardRefusal: String, Sendable, Hashable, Codable, CaseIterable {
    case insufficientFunds = "insufficient_funds"
    case wrongPIN = "wrong_pin"
    case cardExpired = "card_expired"
    case cardBlocked = "card_blocked"
    /// Cancelled at the PIN pad, or aborted by the kiosk.
    case cancelled
    /// The resident did not present a card or finish in time.
    case timedOut = "timed_out"
    /// The card cannot be used here (unreadable, not accepted).
    case cardNotAccepted = "card_not_accepted"
    /// The terminal was busy with another request.
    case busy
    /// The bank refused for another reason.
    case refused

    /// The session's error code (its plain-Chinese text is in `ResidentMessage`).
    public var code: KioskError.Code {
        switch self {
        case .insufficientFunds: .bankCardInsufficientFunds
        case .wrongPIN: .bankCardWrongPIN
        case .cardExpired: .bankCardExpired
        case .cardBlocked: .bankCardBlocked
        case .cancelled: .paymentCancelled
        case .timedOut: .bankCardTimedOut
        case .cardNotAccepted: .bankCardNotAccepted
        case .busy: .terminalBusy
        case .refused: .paymentDeclined
        }
    }
}

/// An approved card payment: what the backend records and the receipt shows. Never the full card
/// number: `maskedPAN` keeps the last four digits only.
public struct CardApproval: Sendable, Hashable, Codable {
    /// The terminal's reference of the payment (nexo `POITransactionID.TransactionID`); reversals name it.
    public var terminalTransactionID: String
    /// nexo `POITransactionID.TimeStamp`, as the terminal sent it.
    public var terminalTimeStamp: String
    /// "****1234".
    public var maskedPAN: String
    /// The issuer's approval (authorisation) code.
    public var authCode: String?
    /// The acquirer's reference (nexo `AcquirerTransactionID.TransactionID`).
    public var acquirerReference: String?
    /// "UnionPay", "mc", … as the terminal names it.
    public var brand: String?
    public var amount: Money

    public init(terminalTransactionID: String, terminalTimeStamp: String, maskedPAN: String, authCode: String?,
                acquirerReference: String?, brand: String?, amount: Money) {
        self.terminalTransactionID = terminalTransactionID
        self.terminalTimeStamp = terminalTimeStamp
        self.maskedPAN = maskedPAN
        self.authCode = authCode
        self.acquirerReference = acquirerReference
        self.brand = brand
        self.amount = amount
    }

    /// "****1234" from any masked or clear card number the terminal reports: its last four digits,
    /// and nothing else of it (a terminal that sends more is never trusted to have masked it).
    public static func masked(_ pan: String) -> String {
        let digits = pan.filter(\.isASCII).filter(\.isNumber)
        return "****" + String(digits.suffix(4))
    }
}

/// Why a payment is given back.
public enum TerminalReversalReason: String, Sendable, Hashable, Codable {
    /// The kiosk could not record the payment with the backend (or must not keep it).
    case unableToComplete = "unable_to_complete"
    /// The resident cancelled.
    case customerCancel = "customer_cancel"
}

public enum TerminalReversal: Sendable, Hashable {
    case reversed
    /// The terminal says there is nothing to reverse (never charged, or already reversed).
    case nothingToReverse
}

public struct TerminalLogin: Sendable, Hashable, Codable {
    public var terminalTime: String?
    /// nexo `POIStatus.GlobalStatus`: OK, Busy, Maintenance, Unreachable.
    public var status: String

    public init(terminalTime: String?, status: String) {
        self.terminalTime = terminalTime
        self.status = status
    }
}

public struct TerminalSettlement: Sendable, Hashable, Codable {
    /// The terminal's id of this settlement (nexo `POIReconciliationID`).
    public var reconciliationID: String
    public var transactionCount: Int
    public var total: Money

    public init(reconciliationID: String, transactionCount: Int, total: Money) {
        self.reconciliationID = reconciliationID
        self.transactionCount = transactionCount
        self.total = total
    }
}

public struct TerminalDiagnosis: Sendable, Hashable, Codable {
    /// nexo `POIStatus.GlobalStatus`.
    public var status: String
    /// Whether the acquirer's host answered the terminal.
    public var hostReachable: Bool?

    public init(status: String, hostReachable: Bool?) {
        self.status = status
        self.hostReachable = hostReachable
    }
}
