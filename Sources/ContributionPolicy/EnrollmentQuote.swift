import KioskCore

/// What a person owes for a year under a region's policy, on a given day.
public struct EnrollmentQuote: Sendable, Hashable, Codable {
    public var region: String
    public var year: Int
    public var policyTitle: String
    public var category: Category
    public var tiers: [TierQuote]
    /// The tier offered first: the category's first, or the one a relief group pays in full.
    public var defaultTier: String
    /// The single relief applied (就高不就低), if any.
    public var relief: Relief?
    public var window: WindowStatus
    /// Plain Chinese for the resident, e.g. a benefit waiting period.
    public var notes: [String]

    public struct Category: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var source: String
    }

    public struct TierQuote: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        /// The list price of the individual contribution: the sum of the included components.
        public var amount: Money
        public var components: [Component]
        /// Exemption or aid applied at payment.
        public var relief: Money
        /// Extra borne by the resident (e.g. the fiscal subsidy when enrolling mid-year from July).
        public var surcharge: Money
        /// amount − relief (never below zero) + surcharge.
        public var due: Money
    }

    public typealias Component = AmountComponent
}
