/// The holder data decoded from a card. Personal data: `description` shows masked forms only.
public struct CardHolder: Sendable, Hashable, CustomStringConvertible {
    public var kind: CardKind
    public var name: String
    /// 公民身份号码 (an SSC's 社会保障号码 is the same number), as read.
    public var idNumber: String
    /// SSC: the card number (卡号); ID card: nil.
    public var cardNumber: String?
    /// Last day the card is valid, when the card carries one.
    public var expiry: CalendarDate?
    /// SSC: issuing region (GB/T 2260); ID card: the issuing authority's text.
    public var issuer: String?

    public init(kind: CardKind, name: String, idNumber: String, cardNumber: String? = nil, expiry: CalendarDate? = nil, issuer: String? = nil) {
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.cardNumber = cardNumber
        self.expiry = expiry
        self.issuer = issuer
    }

    /// What the backend is asked to resolve.
    public var claim: IdentityClaim {
        switch kind {
        case .socialSecurityCard: .socialSecurityCard(cardNumber: cardNumber ?? "", idNumber: idNumber, name: name)
        case .idCard: .idCard(idNumber: idNumber, name: name)
        }
    }

    public var description: String { "\(kind.rawValue) card of \(IdentityClaim.mask(idNumber: idNumber))" }
}
