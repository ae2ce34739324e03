/// What `kioskctl cards read --json` prints: a card's data, masked, and why a kiosk would refuse it.
public struct CardReport: Sendable, Codable, Equatable {
    /// An error code and its message (never personal data).
    public struct Problem: Sendable, Codable, Equatable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var reader: String
    /// "ssc" or "idcard".
    public var kind: String
    public var name: String
    public var idNumber: String
    public var idNumberValid: Bool
    /// "male" or "female".
    public var gender: String?
    /// Whether the card carries a readable birth date. The date itself is left out, and the region
    /// is masked like the ID number: both are parts of the ID number (region 6 digits, birth date 8),
    /// and shown beside its mask they would rebuild it.
    public var birthDateRead: Bool
    public var nation: String?
    /// The region's first four digits, as the ID number's mask shows them ("3206**").
    public var regionCode: String?
    public var specVersion: String?
    public var cardNumber: String?
    public var issueDate: String?
    /// YYYY-MM-DD or "long-term".
    public var expiryDate: String?
    /// Why the kiosk would refuse the card today; nil when it would accept it.
    public var problem: Problem?

    public init(holder: CardHolder, reader: String, today: CalendarDate) {
        self.reader = reader
        kind = holder.kind.rawValue
        name = PersonalDataMasking.name(holder.name)
        idNumber = PersonalDataMasking.idNumber(holder.idNumber)
        idNumberValid = (try? IDNumber(holder.idNumber)) != nil
        gender = holder.gender?.rawValue
        birthDateRead = holder.birthDate != nil
        nation = holder.nation
        regionCode = holder.regionCode.map(PersonalDataMasking.regionCode)
        specVersion = holder.specVersion
        cardNumber = holder.cardNumber.map(PersonalDataMasking.cardNumber)
        issueDate = holder.issueDate?.description
        expiryDate = holder.expiry?.description
        problem = holder.refusal(today: today).map { Problem(code: $0.code.rawValue, message: $0.message) }
    }
}
