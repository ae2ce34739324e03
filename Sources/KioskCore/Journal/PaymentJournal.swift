import Foundation

/// Where a journaled payment stands. Only `intended` and `submitted` are unresolved.
public enum JournalPaymentState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Committed; the backend's answer to the create call has not been recorded.
    case intended
    /// The backend knows the payment (its id is recorded) but the outcome is still open
    /// (pending QR, user paying, unknown).
    case submitted
    case succeeded
    case failed
    case reversed
    case expired
    /// The backend voided the key (its fence): no payment was made under it and none ever will be.
    case abandoned

    public var isResolved: Bool { self != .intended && self != .submitted }
}

/// Whether the resident's receipt (e-receipt printout) is still owed.
public enum JournalReceiptState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing to print (the payment did not succeed).
    case notDue
    /// The payment succeeded and no receipt has been printed yet.
    case owed
    case printed
}

/// One journaled payment.
public struct JournalEntry: Sendable, Hashable {
    public var intent: PaymentIntent
    public var paymentID: String?
    public var state: JournalPaymentState
    public var receipt: JournalReceiptState
    public var updatedAt: Date
    /// What the backend's payment differed in from the intent (field names), if it did.
    public var anomaly: String?
    /// The terminal's approval of a card payment, once it is known.
    public var card: CardApproval?

    public init(
        intent: PaymentIntent, paymentID: String?, state: JournalPaymentState, receipt: JournalReceiptState, updatedAt: Date,
        anomaly: String? = nil, card: CardApproval? = nil
    ) {
        self.intent = intent
        self.paymentID = paymentID
        self.state = state
        self.receipt = receipt
        self.updatedAt = updatedAt
        self.anomaly = anomaly
        self.card = card
    }
}

/// Whether the journal can take the next payment: the file system it lives on keeps enough free
/// space for its commits. Checked before any money moves, as the paper is.
public enum JournalCapacity: Sendable, Hashable {
    case ready
    /// Fewer than `minimumFreeBytes` are free: the next intent could fail at the last step.
    case full(freeBytes: Int64)

    /// The same line as `kioskctl diag`'s journal.disk failure.
    public static let minimumFreeBytes: Int64 = 50 * 1_048_576

    public init(freeBytes: Int64?) {
        guard let freeBytes, freeBytes < Self.minimumFreeBytes else {
            self = .ready
            return
        }
        self = .full(freeBytes: freeBytes)
    }
}

/// Counts for technicians (`kioskctl status`).
public struct JournalSummary: Sendable, Hashable, Codable {
    public var unresolved: Int
    public var owedReceipts: Int
    /// Payments that succeeded on `now`'s calendar day (China Standard Time in `SQLitePaymentJournal`).
    public var succeededToday: Int
    /// What the last start-up reconciliation did, if one ran.
    public var lastReconciliation: ReconciliationReport?
    /// Payments the backend made differently from what the resident confirmed (kept with the journal's retention).
    public var anomalies: Int

    public init(unresolved: Int, owedReceipts: Int, succeededToday: Int, lastReconciliation: ReconciliationReport?, anomalies: Int = 0) {
        self.unresolved = unresolved
        self.owedReceipts = owedReceipts
        self.succeededToday = succeededToday
        self.lastReconciliation = lastReconciliation
        self.anomalies = anomalies
    }
}

/// The outcome of one reconciliation pass over the unresolved entries (at start-up, then again
/// while anything stays unresolved).
public struct ReconciliationReport: Sendable, Hashable, Codable {
    public var finishedAt: Date
    /// Entries unresolved when the pass began.
    public var examined: Int
    public var succeeded: Int
    /// Failed or expired: no money moved.
    public var failed: Int
    public var reversed: Int
    public var abandoned: Int
    /// Still unresolved (backend unreachable, or the payment still open within the provider's window):
    /// the kiosk does not take residents until they are.
    public var stillUnresolved: Int
    /// Receipts owed in the whole journal after the pass (not only those this pass made owed).
    public var receiptsOwed: Int

    public init(finishedAt: Date, examined: Int, succeeded: Int, failed: Int, reversed: Int, abandoned: Int, stillUnresolved: Int, receiptsOwed: Int) {
        self.finishedAt = finishedAt
        self.examined = examined
        self.succeeded = succeeded
        self.failed = failed
        self.reversed = reversed
        self.abandoned = abandoned
        self.stillUnresolved = stillUnresolved
        self.receiptsOwed = receiptsOwed
    }
}

/// The durable record of every payment the kiosk attempts. Every `record…` call is committed
/// (SQLite WAL, synchronous=FULL) before it returns; a call that throws recorded nothing.
public protocol PaymentJournal: Sendable {
    /// Must succeed before the backend is asked for the payment. Recording the same key twice is an error.
    func recordIntent(_ intent: PaymentIntent) async throws(KioskError)
    /// The payment terminal approved the card payment of an `intended` entry: committed before the
    /// backend is told, so the charge can be recorded or given back after a crash. Once only.
    func recordCardApproval(key: String, _ approval: CardApproval, at date: Date) async throws(KioskError)
    /// The backend answered the create call: its payment id. Only on an `intended` entry.
    func recordSubmitted(key: String, paymentID: String, at date: Date) async throws(KioskError)
    /// A new state; moving to `succeeded` also makes the receipt `owed`. Allowed: `intended` → `abandoned`;
    /// `submitted` → `succeeded`, `failed`, `reversed`, `expired`; an `intended` card payment the terminal
    /// approved → `reversed` (given back at the terminal). Resolved states are final; anything else
    /// is `journal.illegal_transition`.
    func recordState(key: String, _ state: JournalPaymentState, at date: Date) async throws(KioskError)
    /// Only `owed` → `printed`, once (the journal sets `owed` itself when the payment succeeds).
    func recordReceipt(key: String, _ receipt: JournalReceiptState, at date: Date) async throws(KioskError)
    /// Keeps the latest report only (shown in `summary`).
    func recordReconciliation(_ report: ReconciliationReport) async throws(KioskError)
    /// Whether the next payment can be journaled (free space where the journal lives).
    func capacity() async -> JournalCapacity
    /// Flags an entry whose backend payment differs from its intent (`differences`: field names).
    func recordAnomaly(key: String, _ differences: [String], at date: Date) async throws(KioskError)

    func entry(key: String) async throws(KioskError) -> JournalEntry?
    /// The newest entry paid with `method` (`kioskctl terminal last`), if any.
    func latest(method: PaymentMethod) async throws(KioskError) -> JournalEntry?
    /// Entries in `intended` or `submitted`, oldest first.
    func unresolved() async throws(KioskError) -> [JournalEntry]
    /// Succeeded entries whose receipt is `owed`, oldest first.
    func owedReceipts() async throws(KioskError) -> [JournalEntry]
    func summary(now: Date) async throws(KioskError) -> JournalSummary
    /// Deletes resolved entries whose receipt is not owed and whose last change (resolution or receipt
    /// printed) is more than `retention` older than `now` — or than the journal's newest change, if
    /// that is earlier: a wall clock that jumped forward never purges recent records. Returns how many.
    func purge(keeping retention: Duration, now: Date) async throws(KioskError) -> Int
}
