/// Whom the session is about: the insured person and their enrollment, the tier chosen, and the
/// payer when someone pays for them (代缴).
public struct EnrollmentContext: Sendable, Hashable {
    public var insured: SessionPerson
    public var payer: SessionPerson?
    public var enrollment: SessionEnrollment
    public var tierID: String

    public init(insured: SessionPerson, payer: SessionPerson?, enrollment: SessionEnrollment, tierID: String? = nil) {
        self.insured = insured
        self.payer = payer
        self.enrollment = enrollment
        self.tierID = tierID ?? enrollment.defaultTierID
    }

    public var tier: SessionTier? { enrollment.tier(tierID) }
    /// The person who identified at the kiosk.
    public var resident: SessionPerson { payer ?? insured }
}
