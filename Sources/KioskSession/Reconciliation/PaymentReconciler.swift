import Foundation
import KioskBackendAPI
import KioskCore
import Logging
import Synchronization

/// Brings every unresolved journal entry to the state the backend knows, after a crash or a lost
/// answer: run before the kiosk takes a resident, and again while anything stays unresolved.
///
/// - `intended`: fences the key at the backend. Voided: `abandoned` (no money moved, and a create
///   still in flight will be refused). Created: recorded `submitted`, then handled as such with the
///   status just read. A by-key lookup's 404 is never taken as "no money moved".
/// - `submitted`: queries the payment. A final status is recorded (`succeeded` makes the receipt owed).
///   Still open (pending, user paying, unknown): older than the provider's window, it is reversed under
///   `<key>-reverse` (if it succeeded meanwhile the backend refuses with `payment.not_reversible`, and
///   a new query finds it succeeded); younger, it is left for the next pass. The age is the larger of
///   the wall-clock age and the monotonic time since this process first saw the entry open, so a wall
///   clock set back cannot keep an entry (and the kiosk) waiting.
/// - `intended`, method card (`settleCard`): the terminal is asked what became of the payment
///   (TransactionStatus), unless its approval is journaled already. Declined or unknown to the
///   terminal: `abandoned` (nothing was charged). Approved: the approval is journaled, then recorded
///   with the backend under the same key (an idempotent create, never a fence, which would void the
///   key and leave the charge unrecorded); a backend that refuses it gets the money given back at
///   the terminal (Reversal): `reversed`. Still in progress at the terminal: left for the next pass.
/// - Backend unreachable or too slow: the entry stays unresolved and the pass stops asking (the
///   others would fail the same way); the report counts them.
public struct PaymentReconciler: Sendable {
    public let journal: any PaymentJournal
    public let backend: any BackendClient
    /// How long the payment provider may keep a payment open before the kiosk reverses it.
    public let providerWindow: Duration
    let logger: Logger
    /// The wall clock: for records, and for the age of entries written before this process started.
    let now: @Sendable () -> Date
    /// Monotonic time since this reconciler was made.
    let uptime: Stopwatch
    private let firstSeenOpen = FirstSeen()
    /// Card payments are settled with the terminal; nil when none is configured.
    let cards: CardPaymentSettlement?

    /// What settling a card payment needs beside the journal and the backend.
    public struct CardPaymentSettlement: Sendable {
        public let terminal: any PaymentTerminal
        /// Sent with the backend's record of the payment.
        public let kioskID: String

        public init(terminal: any PaymentTerminal, kioskID: String) {
            self.terminal = terminal
            self.kioskID = kioskID
        }
    }

    public init(
        journal: any PaymentJournal, backend: any BackendClient, providerWindow: Duration = .seconds(120),
        logger: Logger, now: @escaping @Sendable () -> Date = WallClock.system.now, clock: any Clock<Duration> = ContinuousClock(),
        cards: CardPaymentSettlement? = nil
    ) {
        self.cards = cards
        self.journal = journal
        self.backend = backend
        self.providerWindow = providerWindow
        self.logger = logger
        self.now = now
        uptime = Stopwatch(clock)
    }

    /// When (on `uptime`) each open entry was first seen, per idempotency key.
    final class FirstSeen: Sendable {
        private let seen = Mutex<[String: Duration]>([:])

        /// The monotonic time since `key` was first seen open; zero the first time.
        func age(of key: String, now: Duration) -> Duration {
            seen.withLock { seen in
                if let first = seen[key] { return now - first }
                seen[key] = now
                return .zero
            }
        }

        func forget(_ key: String) { _ = seen.withLock { $0.removeValue(forKey: key) } }
    }

    public static func reverseKey(for key: String) -> String { key + "-reverse" }

    /// One pass over the unresolved entries; the report is recorded in the journal. Throws only when
    /// the journal fails (nothing about the backend's answers is lost: each is committed as it comes).
    public func reconcile() async throws(KioskError) -> ReconciliationReport {
        let entries = try await journal.unresolved()
        var tally = Tally()
        var backendDown = false
        for entry in entries {
            if backendDown {
                tally.stillUnresolved += 1
                continue
            }
            do {
                tally.count(try await settle(entry))
            } catch let error where Self.isJournalError(error) {
                throw error
            } catch {
                log(error, entry.intent.idempotencyKey)
                tally.stillUnresolved += 1
                backendDown = Self.backendDown(error)
            }
        }
        let report = ReconciliationReport(
            finishedAt: now(), examined: entries.count, succeeded: tally.succeeded, failed: tally.failed,
            reversed: tally.reversed, abandoned: tally.abandoned, stillUnresolved: tally.stillUnresolved,
            receiptsOwed: try await journal.owedReceipts().count
        )
        try await journal.recordReconciliation(report)
        logger.notice("payment reconciliation finished", metadata: [
            LogKey.examined: "\(report.examined)",
            LogKey.stillUnresolved: "\(report.stillUnresolved)",
            LogKey.receiptsOwed: "\(report.receiptsOwed)",
        ])
        return report
    }

    /// What became of one entry.
    enum Outcome: Equatable {
        case resolved(JournalPaymentState)
        case stillOpen
    }

    func settle(_ entry: JournalEntry) async throws(KioskError) -> Outcome {
        let key = entry.intent.idempotencyKey
        let payment: BackendPayment
        switch (entry.state, entry.paymentID) {
        case (.intended, _) where entry.intent.method == .card:
            return try await settleCard(entry)
        case (.intended, _):
            switch try await backend.fencePayment(idempotencyKey: key) {
            case .voided:
                try await journal.recordState(key: key, .abandoned, at: now())
                logger.notice("the backend voided the key, no payment was made under it: abandoned", metadata: [LogKey.paymentKey: "\(JournalKey.short(key))"])
                return .resolved(.abandoned)
            case .created(let found):
                try await journal.recordSubmitted(key: key, paymentID: found.paymentId, at: now())
                // The fence answers the payment as getPayment would, so its status is current.
                payment = found
            }
        case (.submitted, let id?):
            payment = try await backend.payment(id: id)
        default:
            throw KioskError(.journalIllegalTransition, "journal entry \(JournalKey.short(key)) is \(entry.state.rawValue) without a payment id")
        }
        try await flagDifferences(entry.intent, payment)
        return try await settle(key: key, createdAt: entry.intent.createdAt, payment)
    }

    func settleCard(_ entry: JournalEntry) async throws(KioskError) -> Outcome {
        let key = entry.intent.idempotencyKey
        guard let cards else {
            throw KioskError(.terminalUnreachable, "card payment \(JournalKey.short(key)) needs the payment terminal, and none is configured")
        }
        var approval = entry.card
        if approval == nil {
            switch try await cards.terminal.status(of: TerminalPaymentRequest(entry.intent)) {
            case .finished(.approved(let found)):
                try await journal.recordCardApproval(key: key, found, at: now())
                approval = found
            case .finished(.declined), .notFound:
                try await journal.recordState(key: key, .abandoned, at: now())
                logger.notice("the terminal did not charge the card: abandoned", metadata: [LogKey.paymentKey: "\(JournalKey.short(key))"])
                return .resolved(.abandoned)
            case .inProgress:
                logger.info("card payment still in progress at the terminal: left for the next pass", metadata: [LogKey.paymentKey: "\(JournalKey.short(key))"])
                return .stillOpen
            }
        }
        guard let approval else { return .stillOpen }
        let order = PaymentOrder(personRef: entry.intent.personRef, payerRef: entry.intent.payerRef, year: entry.intent.year,
                                 tierID: entry.intent.tier, amount: entry.intent.amount, method: .card)
        let payment: BackendPayment
        do {
            payment = try await backend.createPayment(order.backendRequest(kioskID: cards.kioskID, payCode: nil, card: approval), idempotencyKey: key)
        } catch let error where (error.backendProblem.map { $0.status < 500 }) ?? false {
            // The backend will not record it: the charge is given back at the terminal.
            logger.warning("the backend refused to record a card payment: reversing it at the terminal", metadata: [
                LogKey.paymentKey: "\(JournalKey.short(key))", LogKey.errorCode: "\(error.backendProblem?.code ?? error.code.rawValue)",
            ])
            _ = try await cards.terminal.reverse(approval, reason: .unableToComplete)
            try await journal.recordState(key: key, .reversed, at: now())
            return .resolved(.reversed)
        }
        try await journal.recordSubmitted(key: key, paymentID: payment.paymentId, at: now())
        try await flagDifferences(entry.intent, payment)
        return try await settle(key: key, createdAt: entry.intent.createdAt, payment)
    }

    /// Every answer is compared with the intent: a payment made for another amount, person, year or
    /// tier is flagged for technicians (diag, metric), whatever its outcome.
    private func flagDifferences(_ intent: PaymentIntent, _ payment: BackendPayment) async throws(KioskError) {
        let order = PaymentOrder(personRef: intent.personRef, payerRef: intent.payerRef, year: intent.year, tierID: intent.tier,
                                 amount: intent.amount, method: intent.method)
        let differences = PaymentSnapshot(payment).differences(from: order)
        guard !differences.isEmpty else { return }
        try await journal.recordAnomaly(key: intent.idempotencyKey, differences, at: now())
        SessionMetrics.paymentAnomaly()
        logger.error("the backend's payment differs from the journaled intent: flagged for technicians", metadata: [
            LogKey.paymentKey: "\(JournalKey.short(intent.idempotencyKey))", LogKey.paymentID: "\(payment.paymentId)",
            LogKey.differences: "\(differences.joined(separator: ","))",
        ])
    }

    private func settle(key: String, createdAt: Date, _ payment: BackendPayment) async throws(KioskError) -> Outcome {
        if let final = Self.finalState(payment.status) { return try await record(key, final, payment) }
        let wallAge = Duration.seconds(now().timeIntervalSince(createdAt))
        guard max(wallAge, firstSeenOpen.age(of: key, now: uptime.elapsed)) >= providerWindow else {
            logger.info("payment still open within the provider's window: left for the next pass", metadata: metadata(key, payment))
            return .stillOpen
        }
        let answer: BackendPayment
        do {
            answer = try await backend.reversePayment(id: payment.paymentId, idempotencyKey: Self.reverseKey(for: key))
        } catch let error where error.backendProblem?.listedCode == .paymentNotReversible {
            // It reached a final state between our query and the reversal (typically: the payer confirmed).
            answer = try await backend.payment(id: payment.paymentId)
        }
        guard let final = Self.finalState(answer.status) else {
            logger.warning("payment still open after reversal: left for the next pass", metadata: metadata(key, answer))
            return .stillOpen
        }
        return try await record(key, final, answer)
    }

    private func record(_ key: String, _ state: JournalPaymentState, _ payment: BackendPayment) async throws(KioskError) -> Outcome {
        try await journal.recordState(key: key, state, at: now())
        firstSeenOpen.forget(key)
        logger.notice("payment reconciled", metadata: metadata(key, payment))
        return .resolved(state)
    }

    static func finalState(_ status: Components.Schemas.PaymentStatus) -> JournalPaymentState? {
        switch status {
        case .succeeded: .succeeded
        case .failed: .failed
        case .reversed: .reversed
        case .expired: .expired
        case .pending, .userPaying, .unknown: nil
        }
    }

    static func isJournalError(_ error: KioskError) -> Bool {
        error.code.rawValue.hasPrefix("journal.")
    }

    /// Failures that would repeat for every other entry right now.
    static func backendDown(_ error: KioskError) -> Bool {
        [.backendUnreachable, .backendTimeout, .backendTLS, .backendServerError, .backendCredentials].contains(error.code)
    }

    private func metadata(_ key: String, _ payment: BackendPayment) -> Logger.Metadata {
        [
            LogKey.paymentKey: "\(JournalKey.short(key))",
            LogKey.paymentID: "\(payment.paymentId)",
            LogKey.paymentStatus: "\(payment.status.rawValue)",
        ]
    }

    private func log(_ error: KioskError, _ key: String) {
        logger.warning("payment left unresolved: the backend did not settle it", metadata: [
            LogKey.paymentKey: "\(JournalKey.short(key))", LogKey.errorCode: "\(error.code)",
        ])
    }

    struct Tally {
        var succeeded = 0, failed = 0, reversed = 0, abandoned = 0, stillUnresolved = 0

        mutating func count(_ outcome: Outcome) {
            switch outcome {
            case .resolved(.succeeded): succeeded += 1
            case .resolved(.failed), .resolved(.expired): failed += 1
            case .resolved(.reversed): reversed += 1
            case .resolved(.abandoned): abandoned += 1
            case .resolved(.intended), .resolved(.submitted), .stillOpen: stillUnresolved += 1
            }
        }
    }
}
