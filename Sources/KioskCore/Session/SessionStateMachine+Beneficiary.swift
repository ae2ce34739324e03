extension SessionStateMachine {
    /// 代缴: one of the payer's registered relatives, or another person by typed name and ID number.
    mutating func choosingBeneficiary(_ payer: SessionPerson, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .relativeChosen(let personRef):
            guard let relative = payer.paysFor.first(where: { $0.personRef == personRef }) else { return [] }
            return loadEnrollment(of: SessionPerson(relative: relative, region: payer.region), payer: payer)
        case .identityTyped(let name, let idNumber):
            guard let claim = Self.typedClaim(name: name, idNumber: idNumber) else {
                return enter(.choosingBeneficiary(payer: payer, notice: .idNumberInvalid))
            }
            return lookUp(claim, payer: payer)
        case .backTapped:
            // Back to the payer's own enrollment, looked up again rather than kept in this state.
            return loadEnrollment(of: payer, payer: nil)
        default:
            return []
        }
    }
}
