/// Refuses an enrollment answer the kiosk cannot trust, before anything is shown or paid.
enum EnrollmentCheck {
    static func problem(_ enrollment: Enrollment, for person: Person, settings: SessionSettings) -> SessionProblem? {
        guard enrollment.personRef == person.personRef, enrollment.year == settings.insuranceYear,
              let tier = enrollment.tier(enrollment.defaultTierID) else {
            return SessionProblem(.sessionEnrollmentInconsistent)
        }
        let negative = enrollment.tiers.contains { [$0.amount, $0.relief, $0.surcharge, $0.due].contains { $0 < .zero } }
        if negative { return SessionProblem(.sessionAmountInvalid) }
        switch enrollment.status {
        case .unrecognized:
            return SessionProblem(.sessionEnrollmentInconsistent)
        case .paid:
            return enrollment.paidPaymentID == nil ? SessionProblem(.sessionEnrollmentInconsistent) : nil
        case .exempt:
            return tier.due == .zero ? nil : SessionProblem(.sessionEnrollmentInconsistent)
        case .paymentInProgress:
            return enrollment.openPaymentID == nil ? SessionProblem(.sessionEnrollmentInconsistent) : nil
        case .payable:
            // The default tier may be one aid covers in full (registered without paying), as long as
            // some tier has something to pay; otherwise the answer should have said exempt.
            guard enrollment.tiers.contains(where: { $0.due > .zero }) else { return SessionProblem(.sessionAmountInvalid) }
            return tier.due > settings.maximumAmount ? SessionProblem(.sessionAmountAboveMaximum) : nil
        }
    }

    /// A payable tier must cost something, and no more than the kiosk may take.
    static func dueProblem(_ tier: Tier, settings: SessionSettings) -> SessionProblem? {
        if tier.due <= .zero { return SessionProblem(.sessionAmountInvalid) }
        if tier.due > settings.maximumAmount { return SessionProblem(.sessionAmountAboveMaximum) }
        return nil
    }
}
