/// Whom the session is about: the insured person and their enrollment, the tier chosen, and the
/// payer when someone pays for them (代缴).
public struct EnrollmentContext: Sendable, Hashable {
    public var insured: Person
    public var payer: Person?
    public var enrollment: Enrollment
    public var tierID: String

    public init(insured: Person, payer: Person?, enrollment: Enrollment, tierID: String? = nil) {
        self.insured = insured
        self.payer = payer
        self.enrollment = enrollment
        self.tierID = tierID ?? enrollment.defaultTierID
    }

    public var tier: Tier? { enrollment.tier(tierID) }
    /// The person who identified at the kiosk.
    public var resident: Person { payer ?? insured }
}
