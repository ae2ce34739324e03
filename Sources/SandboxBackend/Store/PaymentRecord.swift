import Foundation
import GRDB
import KioskBackendAPI
import KioskCore

/// A payment as the sandbox stores it. The pay code itself is never stored: only its channel and
/// the outcome its test suffix selected.
struct PaymentRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "payment"

    var id: String
    var personRef: String
    var payerRef: String?
    var year: Int
    var tier: String
    var amountFen: Int64
    var method: Components.Schemas.PaymentMethod
    var channel: PayCode.Channel?
    var status: Components.Schemas.PaymentStatus
    var scenario: String
    var queryCount: Int
    var failureCode: String?
    var failureMessage: String?
    var qrExpiresAt: Date?
    var createdAt: Date
    var completedAt: Date?
    var kioskId: String
    /// The sandbox's "today" when the payment was made (ISO date): the day its price was quoted on.
    var businessDate: String
    /// What the receipt calls the payment, fixed when it is made.
    var itemLabel: String
    /// Method card: the terminal's approval as the kiosk reported it (JSON of the contract's CardPayment).
    var card: String?

    /// Still waiting: a QR not yet paid, a payer confirming, or an unknown provider answer.
    static let openStatuses: [Components.Schemas.PaymentStatus] = [.pending, .userPaying, .unknown]
    var isOpen: Bool { Self.openStatuses.contains(status) }
}

struct ReceiptRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "receipt"

    var paymentId: String
    var code: String
    var number: String
    var checkCode: String
    var issuedAt: Date
}

struct IdempotencyRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "idempotency"

    var key: String
    var operation: String
    var requestHash: String
    var responseStatus: Int
    var responseBody: Data
    var createdAt: Date
}

struct KioskStateRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "kioskState"

    var kioskId: String
    var reportedAt: Date
    var report: Data
}

extension PaymentRecord {
    static func succeeded(_ db: Database, personRef: String, year: Int) throws -> PaymentRecord? {
        try PaymentRecord
            .filter(Column("personRef") == personRef && Column("year") == year && Column("status") == Components.Schemas.PaymentStatus.succeeded.rawValue)
            .fetchOne(db)
    }

    /// A payment whose outcome is still open: a QR waiting, a payer confirming, or an unknown answer.
    static func open(_ db: Database, personRef: String, year: Int) throws -> PaymentRecord? {
        try PaymentRecord
            .filter(Column("personRef") == personRef && Column("year") == year && openStatuses.map(\.rawValue).contains(Column("status")))
            .fetchOne(db)
    }
}
