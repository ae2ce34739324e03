import Foundation

/// One line of a resident's payment history: their own payments and those they made for others.
public struct PaymentHistoryEntry: Sendable, Hashable {
    public var paymentID: String
    public var personRef: String
    public var year: Int
    public var tierID: String
    public var amount: Money
    public var status: PaymentSnapshot.Status
    public var channel: PayCode.Channel?
    public var createdAt: Date
    /// Paid by this resident for someone else (代缴).
    public var paidForOther: Bool
    public var receiptAvailable: Bool
    /// "****1234" for a card payment.
    public var maskedPAN: String?

    public init(
        paymentID: String, personRef: String, year: Int, tierID: String, amount: Money, status: PaymentSnapshot.Status,
        channel: PayCode.Channel?, createdAt: Date, paidForOther: Bool, receiptAvailable: Bool, maskedPAN: String? = nil
    ) {
        self.maskedPAN = maskedPAN
        self.paymentID = paymentID
        self.personRef = personRef
        self.year = year
        self.tierID = tierID
        self.amount = amount
        self.status = status
        self.channel = channel
        self.createdAt = createdAt
        self.paidForOther = paidForOther
        self.receiptAvailable = receiptAvailable
    }
}
