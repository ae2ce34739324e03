import Foundation
import KioskCore

/// An in-memory `PaymentJournal` that records every call, for controller tests. Follows the journal's
/// rules (intent → submitted → outcome; succeeded makes the receipt owed; owed → printed).
actor RecordingPaymentJournal: PaymentJournal {
    private(set) var entries: [String: JournalEntry] = [:]
    private(set) var calls: [String] = []
    private var intentFailure: KioskError?

    func failIntents(with error: KioskError?) { intentFailure = error }

    /// What `capacity()` answers (a full disk, for tests).
    var currentCapacity = JournalCapacity.ready
    func setCapacity(_ capacity: JournalCapacity) { currentCapacity = capacity }
    func capacity() async -> JournalCapacity { currentCapacity }

    func recordIntent(_ intent: PaymentIntent) async throws(KioskError) {
        calls.append("intent")
        if let intentFailure { throw intentFailure }
        guard entries[intent.idempotencyKey] == nil else { throw KioskError(.journalDuplicateIntent, "duplicate") }
        entries[intent.idempotencyKey] = JournalEntry(intent: intent, paymentID: nil, state: .intended, receipt: .notDue, updatedAt: intent.createdAt)
    }

    func recordCardApproval(key: String, _ approval: CardApproval, at date: Date) async throws(KioskError) {
        calls.append("card")
        guard var entry = entries[key], entry.state == .intended, entry.card == nil else { throw KioskError(.journalIllegalTransition, "card") }
        entry.card = approval
        entries[key] = entry
    }

    func recordSubmitted(key: String, paymentID: String, at date: Date) async throws(KioskError) {
        calls.append("submitted")
        guard var entry = entries[key], entry.state == .intended else { throw KioskError(.journalIllegalTransition, "submitted") }
        entry.paymentID = paymentID
        entry.state = .submitted
        entries[key] = entry
    }

    func recordState(key: String, _ state: JournalPaymentState, at date: Date) async throws(KioskError) {
        calls.append("state:\(state.rawValue)")
        guard var entry = entries[key] else { throw KioskError(.journalUnknownIntent, "state") }
        let allowed = (entry.state == .intended && state == .abandoned && entry.card == nil) || (entry.state == .intended && state == .reversed && entry.card != nil)
            || (entry.state == .submitted && state.isResolved && state != .abandoned)
        guard allowed else { throw KioskError(.journalIllegalTransition, "\(entry.state) → \(state)") }
        entry.state = state
        if state == .succeeded { entry.receipt = .owed }
        entries[key] = entry
    }

    func recordReceipt(key: String, _ receipt: JournalReceiptState, at date: Date) async throws(KioskError) {
        calls.append("receipt:\(receipt.rawValue)")
        guard var entry = entries[key], entry.receipt == .owed, receipt == .printed else { throw KioskError(.journalIllegalTransition, "receipt") }
        entry.receipt = receipt
        entries[key] = entry
    }

    func recordReconciliation(_ report: ReconciliationReport) async throws(KioskError) {}

    func recordAnomaly(key: String, _ differences: [String], at date: Date) async throws(KioskError) {
        calls.append("anomaly:\(differences.joined(separator: ","))")
        guard var entry = entries[key] else { throw KioskError(.journalUnknownIntent, "anomaly") }
        entry.anomaly = differences.joined(separator: ",")
        entries[key] = entry
    }

    func entry(key: String) async throws(KioskError) -> JournalEntry? { entries[key] }
    func latest(method: PaymentMethod) async throws(KioskError) -> JournalEntry? {
        entries.values.filter { $0.intent.method == method }.max { $0.intent.createdAt < $1.intent.createdAt }
    }

    func unresolved() async throws(KioskError) -> [JournalEntry] {
        entries.values.filter { !$0.state.isResolved }.sorted { $0.intent.createdAt < $1.intent.createdAt }
    }

    func owedReceipts() async throws(KioskError) -> [JournalEntry] {
        entries.values.filter { $0.receipt == .owed }.sorted { $0.intent.createdAt < $1.intent.createdAt }
    }

    func summary(now: Date) async throws(KioskError) -> JournalSummary {
        JournalSummary(unresolved: try await unresolved().count, owedReceipts: try await owedReceipts().count, succeededToday: 0, lastReconciliation: nil,
                       anomalies: entries.values.filter { $0.anomaly != nil }.count)
    }

    func purge(keeping retention: Duration, now: Date) async throws(KioskError) -> Int { 0 }

    /// The only entry (most tests make one payment).
    var single: JournalEntry? { entries.count == 1 ? entries.values.first : nil }
}
