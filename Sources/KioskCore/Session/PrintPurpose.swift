/// Why a receipt is fetched or a document printed, which decides what the journal hears and how the session ends.
public enum PrintPurpose: Sendable, Hashable {
    /// The receipt of the payment just made (journaled under this key).
    case payment(idempotencyKey: String)
    /// A receipt of an earlier payment.
    case reprint
    /// An exempt resident's registration slip.
    case registration
}
