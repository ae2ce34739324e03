import Foundation
import GRDB
import KioskCore

extension SQLitePaymentJournal {
    public func recordIntent(_ intent: PaymentIntent) async throws(KioskError) {
        let row = JournalRow(intent)
        try await write("recordIntent") { db in
            guard try !JournalRow.exists(db, key: row.idempotencyKey) else {
                throw KioskError(.journalDuplicateIntent, "an intent is already journaled under key \(JournalKey.short(row.idempotencyKey))")
            }
            try row.insert(db)
        }
    }

    public func recordAnomaly(key: String, _ differences: [String], at date: Date) async throws(KioskError) {
        try await write("recordAnomaly") { db in
            var row = try Self.row(db, key: key)
            row.anomaly = differences.joined(separator: ",")
            row.updatedAt = max(row.updatedAt, JournalTime.seconds(date))
            try row.update(db)
        }
    }

    public func recordCardApproval(key: String, _ approval: CardApproval, at date: Date) async throws(KioskError) {
        let encoded = try JournalRow.encode(approval)
        try await write("recordCardApproval") { db in
            var row = try Self.row(db, key: key)
            let state = try row.paymentState()
            guard state == .intended, row.cardApproval == nil else {
                throw KioskError.illegalTransition(key: key, "card approval on", from: state.rawValue, to: "approved")
            }
            row.cardApproval = encoded
            row.updatedAt = JournalTime.seconds(date)
            try row.update(db)
        }
    }

    public func recordSubmitted(key: String, paymentID: String, at date: Date) async throws(KioskError) {
        try await write("recordSubmitted") { db in
            var row = try Self.row(db, key: key)
            let state = try row.paymentState()
            guard state.acceptsSubmission else {
                throw KioskError.illegalTransition(key: key, "payment", from: state.rawValue, to: JournalPaymentState.submitted.rawValue)
            }
            row.paymentID = paymentID
            row.state = JournalPaymentState.submitted.rawValue
            row.updatedAt = JournalTime.seconds(date)
            try row.update(db)
        }
    }

    public func recordState(key: String, _ next: JournalPaymentState, at date: Date) async throws(KioskError) {
        try await write("recordState") { db in
            var row = try Self.row(db, key: key)
            let state = try row.paymentState()
            guard state.accepts(next, cardApproved: row.cardApproval != nil) else {
                throw KioskError.illegalTransition(key: key, "payment", from: state.rawValue, to: next.rawValue)
            }
            row.state = next.rawValue
            if next == .succeeded { row.receipt = JournalReceiptState.owed.rawValue }
            row.updatedAt = JournalTime.seconds(date)
            row.resolvedAt = JournalTime.seconds(date)
            try row.update(db)
        }
    }

    public func recordReceipt(key: String, _ next: JournalReceiptState, at date: Date) async throws(KioskError) {
        try await write("recordReceipt") { db in
            var row = try Self.row(db, key: key)
            let receipt = try row.receiptState()
            guard receipt.accepts(next) else {
                throw KioskError.illegalTransition(key: key, "receipt", from: receipt.rawValue, to: next.rawValue)
            }
            row.receipt = next.rawValue
            row.updatedAt = JournalTime.seconds(date)
            try row.update(db)
        }
    }

    public func recordReconciliation(_ report: ReconciliationReport) async throws(KioskError) {
        let row = ReconciliationRow(report)
        try await write("recordReconciliation") { db in try row.save(db) }
    }

    static func row(_ db: Database, key: String) throws -> JournalRow {
        guard let row = try JournalRow.fetchOne(db, key: key) else { throw KioskError.unknownIntent(key) }
        return row
    }
}
