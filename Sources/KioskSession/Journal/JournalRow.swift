import Foundation
import GRDB
import KioskCore

/// One row of the `payment` table: references only (no name, ID number or pay code).
/// States are stored as their raw strings and checked when read, so a damaged value is reported
/// as `journal.unavailable` instead of a decoding failure deep in GRDB.
struct JournalRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "payment"

    var idempotencyKey: String
    var personRef: String
    var payerRef: String?
    var year: Int
    var tier: String
    var amountFen: Int64
    var method: String
    var paymentID: String?
    var state: String
    var receipt: String
    /// Times are `JournalTime` seconds (exact round trip of `Date`).
    var createdAt: Double
    var updatedAt: Double
    /// When the payment reached a resolved state (`succeededToday` counts by it).
    var resolvedAt: Double?
    /// The fields the backend's payment differed in from the intent, comma-separated.
    var anomaly: String?
    /// `CardApproval` as JSON, once the terminal approved a card payment.
    var cardApproval: String?

    enum Columns {
        static let idempotencyKey = Column(CodingKeys.idempotencyKey)
        static let state = Column(CodingKeys.state)
        static let receipt = Column(CodingKeys.receipt)
        static let createdAt = Column(CodingKeys.createdAt)
        static let updatedAt = Column(CodingKeys.updatedAt)
        static let resolvedAt = Column(CodingKeys.resolvedAt)
        static let anomaly = Column(CodingKeys.anomaly)
    }

    init(_ intent: PaymentIntent) {
        idempotencyKey = intent.idempotencyKey
        personRef = intent.personRef
        payerRef = intent.payerRef
        year = intent.year
        tier = intent.tier
        amountFen = intent.amount.fen
        method = intent.method.rawValue
        paymentID = nil
        state = JournalPaymentState.intended.rawValue
        receipt = JournalReceiptState.notDue.rawValue
        createdAt = JournalTime.seconds(intent.createdAt)
        updatedAt = JournalTime.seconds(intent.createdAt)
        resolvedAt = nil
        anomaly = nil
        cardApproval = nil
    }

    static func encode(_ approval: CardApproval) throws(KioskError) -> String {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(approval), as: UTF8.self)
        } catch {
            throw KioskError(.journalUnavailable, "cannot encode the card approval for the journal: \(error)")
        }
    }

    func card() throws(KioskError) -> CardApproval? {
        guard let cardApproval else { return nil }
        guard let approval = try? JSONDecoder().decode(CardApproval.self, from: Data(cardApproval.utf8)) else {
            throw damaged("card approval")
        }
        return approval
    }

    func paymentState() throws(KioskError) -> JournalPaymentState {
        guard let value = JournalPaymentState(rawValue: state) else { throw damaged("state \"\(state)\"") }
        return value
    }

    func receiptState() throws(KioskError) -> JournalReceiptState {
        guard let value = JournalReceiptState(rawValue: receipt) else { throw damaged("receipt \"\(receipt)\"") }
        return value
    }

    func entry() throws(KioskError) -> JournalEntry {
        guard let method = PaymentMethod(rawValue: method) else { throw damaged("method \"\(method)\"") }
        let intent = PaymentIntent(
            idempotencyKey: idempotencyKey, personRef: personRef, payerRef: payerRef, year: year, tier: tier,
            amount: Money(fen: amountFen), method: method, createdAt: JournalTime.date(createdAt)
        )
        return JournalEntry(
            intent: intent, paymentID: paymentID, state: try paymentState(), receipt: try receiptState(), updatedAt: JournalTime.date(updatedAt),
            anomaly: anomaly, card: try card()
        )
    }

    private func damaged(_ what: String) -> KioskError {
        KioskError(.journalUnavailable, "journal entry \(JournalKey.short(idempotencyKey)) holds an unknown \(what)")
    }
}
