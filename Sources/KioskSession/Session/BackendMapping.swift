import KioskBackendAPI
import KioskCore

extension IdentityClaim {
    /// The contract's claim: personal data travels only in this request body.
    var backendClaim: BackendIdentityClaim {
        switch self {
        case .socialSecurityCard(let cardNumber, let idNumber, let name):
            .ssc(.init(method: method, cardNumber: cardNumber, idNumber: idNumber, name: name))
        case .idCard(let idNumber, let name):
            .idCard(.init(method: method, idNumber: idNumber, name: name))
        case .typed(let idNumber, let name):
            .typed(.init(method: method, idNumber: idNumber, name: name))
        case .esscToken(let token):
            .essc(.init(method: method, token: token))
        }
    }
}

extension SessionPerson {
    init(_ person: BackendPerson) {
        self.init(
            personRef: person.personRef, maskedName: person.maskedName, maskedIDNumber: person.maskedIdNumber, region: person.region,
            paysFor: person.paysFor.map { SessionRelative(personRef: $0.personRef, maskedName: $0.maskedName, relation: $0.relation) }
        )
    }
}
