/// The holder data decoded from a card. Personal data: `description` shows masked forms only.
public struct CardHolder: Sendable, Hashable, CustomStringConvertible {
    public enum Gender: String, Sendable, Hashable, Codable {
        case male, female
    }

    /// The residence permit of a Hong Kong, Macau or Taiwan resident (港澳台居民居住证).
    public struct ResidencePermit: Sendable, Hashable {
        /// 通行证号码.
        public var passNumber: String
        /// 签发次数.
        public var issueCount: Int

        public init(passNumber: String, issueCount: Int) {
            self.passNumber = passNumber
            self.issueCount = issueCount
        }
    }

    public var kind: CardKind
    public var name: String
    /// 公民身份号码 (an SSC's 社会保障号码 is the same number), as read: it may fail the check (`refusal(today:)`).
    public var idNumber: String
    public var gender: Gender?
    public var birthDate: CalendarDate?
    /// 民族 by name (GB 3304), e.g. "汉"; nil when the card records none.
    public var nation: String?
    /// GB/T 2260 region: an SSC's issuing region (from 卡识别码), an ID card's first six ID digits.
    public var regionCode: String?
    /// SSC 规范版本, e.g. "3.00".
    public var specVersion: String?
    /// SSC 卡类别; on an ID card the type flag ("J" for a residence permit).
    public var cardType: String?
    /// SSC 卡号; nil on ID cards.
    public var cardNumber: String?
    /// SSC 发卡日期; ID card: the first day of validity.
    public var issueDate: CalendarDate?
    public var expiry: CardExpiry?
    /// ID card 住址.
    public var address: String?
    /// ID card 签发机关.
    public var issuingAuthority: String?
    public var residencePermit: ResidencePermit?
    /// The ID card's photo as the reader hands it out (WLT, 1024 bytes), never decoded.
    public var photo: [UInt8]?

    public init(
        kind: CardKind, name: String, idNumber: String, gender: Gender? = nil, birthDate: CalendarDate? = nil,
        nation: String? = nil, regionCode: String? = nil, specVersion: String? = nil, cardType: String? = nil,
        cardNumber: String? = nil, issueDate: CalendarDate? = nil, expiry: CardExpiry? = nil, address: String? = nil,
        issuingAuthority: String? = nil, residencePermit: ResidencePermit? = nil, photo: [UInt8]? = nil
    ) {
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.gender = gender
        self.birthDate = birthDate
        self.nation = nation
        self.regionCode = regionCode
        self.specVersion = specVersion
        self.cardType = cardType
        self.cardNumber = cardNumber
        self.issueDate = issueDate
        self.expiry = expiry
        self.address = address
        self.issuingAuthority = issuingAuthority
        self.residencePermit = residencePermit
        self.photo = photo
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
