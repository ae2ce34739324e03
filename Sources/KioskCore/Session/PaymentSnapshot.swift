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
    public var method: KioskConfiguration.PaymentMethod
    public var channel: PayCode.Channel?
    public var failureMessage: String?
    public var qrURL: String?
    public var qrExpiresAt: Date?

    public init(
        paymentID: String, status: Status, amount: Money, method: KioskConfiguration.PaymentMethod,
        channel: PayCode.Channel? = nil, failureMessage: String? = nil, qrURL: String? = nil, qrExpiresAt: Date? = nil
    ) {
        self.paymentID = paymentID
        self.status = status
        self.amount = amount
        self.method = method
        self.channel = channel
        self.failureMessage = failureMessage
        self.qrURL = qrURL
        self.qrExpiresAt = qrExpiresAt
    }
}
