/// A person's enrollment for an insurance year, as the backend priced it.
public struct Enrollment: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case payable
        case paid
        /// Registered; the contribution is paid by public funds.
        case exempt
        /// A payment for the person and year is still open (at any kiosk): no second payment.
        case paymentInProgress
        /// A value this kiosk does not know: the enrollment is refused as inconsistent.
        case unrecognized(String)
    }

    public var personRef: String
    public var year: Int
    public var region: String
    public var policyTitle: String
    public var status: Status
    public var categoryLabel: String
    public var tiers: [Tier]
    public var defaultTierID: String
    public var relief: EnrollmentRelief?
    public var window: EnrollmentWindow
    public var notes: [String]
    /// Set when `status` is `paid`.
    public var paidPaymentID: String?
    /// Set when `status` is `paymentInProgress`.
    public var openPaymentID: String?

    public init(
        personRef: String, year: Int, region: String, policyTitle: String, status: Status, categoryLabel: String,
        tiers: [Tier], defaultTierID: String, relief: EnrollmentRelief? = nil, window: EnrollmentWindow,
        notes: [String] = [], paidPaymentID: String? = nil, openPaymentID: String? = nil
    ) {
        self.personRef = personRef
        self.year = year
        self.region = region
        self.policyTitle = policyTitle
        self.status = status
        self.categoryLabel = categoryLabel
        self.tiers = tiers
        self.defaultTierID = defaultTierID
        self.relief = relief
        self.window = window
        self.notes = notes
        self.paidPaymentID = paidPaymentID
        self.openPaymentID = openPaymentID
    }

    public func tier(_ id: String) -> Tier? { tiers.first { $0.id == id } }
}
