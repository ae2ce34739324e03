import Foundation

extension SessionStateMachine {
    /// Attract, and the message screens after a session (which hold no data): a card, an e-SSC code or
    /// the "type my ID number" button starts a session.
    mutating func idleEvent(_ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .cardInserted(let kind): return enter(.readingCard(kind)) + [.readCard(kind)]
        case .esscCodeScanned(let token): return lookUp(.esscToken(token), payer: nil)
        case .manualEntryChosen: return enter(.typingIdentity(notice: nil))
        case .doneTapped:
            if case .attract = state { return [] }
            return returnToIdle()
        default: return []
        }
    }

    mutating func readingCard(_ kind: CardKind, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .cardRead(let claim): return lookUp(claim, payer: nil)
        case .cardReadFailed(let problem): return endSession(.failed(problem.code), to: .attract(notice: problem.code))
        case .cardRemoved(let removed) where removed == kind: return endSession(.cardRemoved, to: .attract(notice: .cardRemoved))
        default: return []
        }
    }

    mutating func typingIdentity(_ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .identityTyped(let name, let idNumber):
            guard let claim = Self.typedClaim(name: name, idNumber: idNumber) else { return enter(.typingIdentity(notice: .idNumberInvalid)) }
            return lookUp(claim, payer: nil)
        case .cardInserted(let kind): return enter(.readingCard(kind)) + [.readCard(kind)]
        case .esscCodeScanned(let token): return lookUp(.esscToken(token), payer: nil)
        case .backTapped: return endSession(.cancelled, to: .attract(notice: nil))
        default: return []
        }
    }

    mutating func lookingUpPerson(_ claim: IdentityClaim, payer: Person?, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .personResolved(let person):
            let payer = payer?.personRef == person.personRef ? nil : payer
            return loadEnrollment(of: person, payer: payer)
        case .personLookupFailed(let problem):
            // A typing mistake is corrected on the same screen; anything else ends the session.
            guard case .typed = claim, !problem.isUncertain, Self.correctableIdentityCodes.contains(problem.code) else { return fail(problem) }
            // Name and ID number pairs are not to be tried out at a public screen: a few, then the session ends.
            typedLookupsRefused += 1
            guard typedLookupsRefused < Self.maximumTypedLookups else {
                return endSession(.failed(.identityTooManyAttempts), to: .attract(notice: .identityTooManyAttempts))
            }
            if let payer { return enter(.choosingBeneficiary(payer: payer, notice: problem.code)) }
            return enter(.typingIdentity(notice: problem.code))
        default:
            return []
        }
    }

    /// Typed identities the backend may refuse in one session (not found, mismatch) before it ends.
    static let maximumTypedLookups = 3

    static let correctableIdentityCodes: Set<KioskError.Code> = [.identityNotFound, .identityMismatch, .idNumberInvalid, .requestInvalid]

    mutating func lookUp(_ claim: IdentityClaim, payer: Person?) -> [SessionAction] {
        enter(.lookingUpPerson(claim, payer: payer)) + [.resolveIdentity(claim)]
    }

    mutating func loadEnrollment(of person: Person, payer: Person?) -> [SessionAction] {
        enter(.lookingUpEnrollment(person, payer: payer)) + [.loadEnrollment(personRef: person.personRef, year: settings.insuranceYear)]
    }

    /// A typed name and ID number, checked before the backend is asked (GB 11643 check character).
    static func typedClaim(name: String, idNumber: String) -> IdentityClaim? {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...64).contains(name.count), let number = try? IDNumber(idNumber.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return .typed(idNumber: number.value, name: name)
    }
}

extension SessionStateMachine {
    /// 代缴: one of the payer's registered relatives, or another person by typed name and ID number.
    mutating func choosingBeneficiary(_ payer: Person, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .relativeChosen(let personRef):
            guard let relative = payer.paysFor.first(where: { $0.personRef == personRef }) else { return [] }
            return loadEnrollment(of: Person(relative: relative, region: payer.region), payer: payer)
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
