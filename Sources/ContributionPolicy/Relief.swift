/// The exemption or aid a person gets, from the one group that relieves the most.
public struct Relief: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Pays nothing (财政全额补助 / 全额资助), but may still have to register.
        case exemption
        /// A fixed amount, or some tiers in full, taken off at payment.
        case aid
        /// Pays in full now; the aid is credited to the resident's 一卡通 account the next month.
        case aidCreditedLater = "aid_credited_later"
    }

    public var kind: Kind
    public var groupCode: String
    public var label: String
    /// Plain Chinese: what the group gets, e.g. "按280元/人·年标准资助参加一档居民医保".
    public var amountDescription: String
    /// The proof to show, when the notice names one.
    public var certificate: String?
    public var source: String
}
