import KioskCore

extension VirtualCardFile {
    /// The card that carries `holder`, written in the card-file format (`Devices/cards/`) and loaded
    /// through it, so it is checked like any card file. What the holder does not say is filled in
    /// as a card issued to them would have it: gender, birth date (`IDNumber`) and birth place from the ID number,
    /// 民族 汉, a third-generation SSC valid from two years before `today` for ten years, an ID card
    /// valid for the long term. `kioskd --demo` inserts its residents' cards this way.
    public init(holder: CardHolder, today: CalendarDate) throws(VirtualCardFileError) {
        // A number that fails its check (cards can carry one) says nothing: the holder must then say it.
        let number = try? IDNumber(holder.idNumber)
        let birth = (holder.birthDate ?? number?.birthDate)?.description ?? ""
        let gender = holder.gender?.rawValue ?? (number?.isFemale == true ? "female" : "male")
        let nation = holder.nation.flatMap(NationCode.code(named:)) ?? 1
        let region = holder.regionCode ?? String(holder.idNumber.prefix(6))
        let issued = holder.issueDate ?? CalendarDate(year: today.year - 2, month: 1, day: 1) ?? today
        var lines = [
            "kind = \(Self.quoted(holder.kind == .socialSecurityCard ? Kind.ssc.rawValue : Kind.idcard.rawValue))",
            "[holder]",
            "name = \(Self.quoted(holder.name))",
            "id_number = \(Self.quoted(holder.idNumber))",
            "gender = \(Self.quoted(gender))",
            "nation = \(Self.quoted(nation < 10 ? "0\(nation)" : "\(nation)"))",
            "birth_date = \(Self.quoted(birth))",
        ]
        switch holder.kind {
        case .socialSecurityCard:
            let expiry = if case .on(let date)? = holder.expiry { date } else { CalendarDate(year: issued.year + 10, month: issued.month, day: min(issued.day, 28)) ?? issued }
            let cardNumber = holder.cardNumber ?? "C" + String(holder.idNumber.filter(\.isNumber).suffix(8)).padding(toLength: 8, withPad: "0", startingAt: 0)
            lines += [
                "birth_place = \(Self.quoted(String(holder.idNumber.prefix(6))))",
                "[ssc]",
                "generation = 3",
                "region_code = \(Self.quoted(region))",
                "card_number = \(Self.quoted(cardNumber))",
                "issue_date = \(Self.quoted(issued.description))",
                "expiry_date = \(Self.quoted(expiry.description))",
            ]
        case .idCard:
            let validTo = if case .on(let date)? = holder.expiry { date.description } else { "long-term" }
            lines += [
                "address = \(Self.quoted(holder.address ?? Self.demoAddress))",
                "issuing_authority = \(Self.quoted(holder.issuingAuthority ?? Self.demoAuthority))",
                "valid_from = \(Self.quoted(issued.description))",
                "valid_to = \(Self.quoted(validTo))",
            ]
        }
        try self.init(toml: lines.joined(separator: "\n") + "\n", source: "the \(holder.kind.rawValue) of \(IdentityClaim.mask(idNumber: holder.idNumber))")
    }

    /// An ID card must name an address and an authority; a made-up person gets made-up ones.
    static let demoAddress = "江苏省南通市崇川区演示路1号"
    static let demoAuthority = "南通市公安局崇川分局"

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
