import Foundation

/// A payment the kiosk is about to ask the backend for. It is committed to the journal (fsync)
/// before the backend is called, so a crash at any later point can be reconciled.
///
/// Holds references only: no name, ID number or pay code.
public struct PaymentIntent: Sendable, Hashable {
    /// Sent as the backend's `Idempotency-Key`; also the journal's primary key.
    public var idempotencyKey: String
    /// The insured person (opaque backend reference).
    public var personRef: String
    /// Set when someone else pays (代缴).
    public var payerRef: String?
    public var year: Int
    public var tier: String
    public var amount: Money
    public var method: PaymentMethod
    public var createdAt: Date

    public init(
        idempotencyKey: String, personRef: String, payerRef: String?, year: Int, tier: String,
        amount: Money, method: PaymentMethod, createdAt: Date
    ) {
        self.idempotencyKey = idempotencyKey
        self.personRef = personRef
        self.payerRef = payerRef
        self.year = year
        self.tier = tier
        self.amount = amount
        self.method = method
        self.createdAt = createdAt
    }
}
