import Foundation

/// A payment as the backend last reported it.
public struct PaymentSnapshot: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        /// QR shown, not paid yet.
        case pending
        /// The payer must confirm on the phone.
        case userPaying
        case succeeded
        case failed
        /// The provider did not answer: query, then reverse.
        case unknown
        case reversed
        case expired
        /// A value this kiosk does not know.
        case unrecognized(String)

        /// Money may still move: keep querying, or reverse.
        public var isOpen: Bool {
            switch self {
            case .pending, .userPaying, .unknown: true
            default: false
            }
        }
    }

    public var paymentID: String
    public var status: Status
    public var amount: Money
    public var method: PaymentMethod
    public var channel: PayCode.Channel?
    public var failureMessage: String?
    public var qrURL: String?
    public var qrExpiresAt: Date?
    /// Whom, which year and which tier the backend says the payment is for (nil: not told).
    public var personRef: String?
    public var year: Int?
    public var tierID: String?

    public init(
        paymentID: String, status: Status, amount: Money, method: PaymentMethod,
        channel: PayCode.Channel? = nil, failureMessage: String? = nil, qrURL: String? = nil, qrExpiresAt: Date? = nil,
        personRef: String? = nil, year: Int? = nil, tierID: String? = nil
    ) {
        self.paymentID = paymentID
        self.status = status
        self.amount = amount
        self.method = method
        self.channel = channel
        self.failureMessage = failureMessage
        self.qrURL = qrURL
        self.qrExpiresAt = qrExpiresAt
        self.personRef = personRef
        self.year = year
        self.tierID = tierID
    }

    /// What in this answer differs from the order the resident confirmed: field names only (safe to
    /// log and to journal). Empty when the backend's payment is the one that was asked for.
    public func differences(from order: PaymentOrder) -> [String] {
        var differences: [String] = []
        if amount != order.amount { differences.append("amount") }
        if let personRef, personRef != order.personRef { differences.append("person") }
        if let year, year != order.year { differences.append("year") }
        if let tierID, tierID != order.tierID { differences.append("tier") }
        return differences
    }
}
