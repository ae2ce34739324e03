import KioskCore

extension VirtualCardFile {
    /// The card that carries `holder`, written as a card file would say it and read by the card
    /// file's reader, so it is checked like any card file (without a TOML text: see
    /// `CardFileReader`). What the holder does not say is filled in as a card issued to them would
    /// have it: gender, birth date (`IDNumber`) and birth place from the ID number, 民族 汉, a
    /// third-generation SSC valid from two years before `today` for ten years, an ID card valid for
    /// the long term. `kioskd --demo` inserts its residents' cards this way.
    public init(holder: CardHolder, today: CalendarDate) throws(VirtualCardFileError) {
        // A number that fails its check (cards can carry one) says nothing: the holder must then say it.
        let number = try? IDNumber(holder.idNumber)
        let nation = holder.nation.flatMap(NationCode.code(named:)) ?? 1
        let region = holder.regionCode ?? String(holder.idNumber.prefix(6))
        let issued = holder.issueDate ?? CalendarDate(year: today.year - 2, month: 1, day: 1) ?? today
        var person: [String: CardFileReader.WrittenValue] = [
            "name": .string(holder.name),
            "id_number": .string(holder.idNumber),
            "gender": .string(holder.gender?.rawValue ?? (number?.isFemale == true ? "female" : "male")),
            "nation": .string(nation < 10 ? "0\(nation)" : "\(nation)"),
        ]
        if let birth = holder.birthDate ?? number?.birthDate { person["birth_date"] = .date(birth) }
        var tables: [String: [String: CardFileReader.WrittenValue]]
        switch holder.kind {
        case .socialSecurityCard:
            let expiry = if case .on(let date)? = holder.expiry { date } else { CalendarDate(year: issued.year + 10, month: issued.month, day: min(issued.day, 28)) ?? issued }
            let cardNumber = holder.cardNumber ?? "C" + String(holder.idNumber.filter(\.isNumber).suffix(8)).padding(toLength: 8, withPad: "0", startingAt: 0)
            person["birth_place"] = .string(String(holder.idNumber.prefix(6)))
            tables = ["": ["kind": .string(Kind.ssc.rawValue)], "ssc": [
                "generation": .int(3), "region_code": .string(region), "card_number": .string(cardNumber),
                "issue_date": .date(issued), "expiry_date": .date(expiry),
            ]]
        case .idCard:
            person["address"] = .string(holder.address ?? Self.demoAddress)
            person["issuing_authority"] = .string(holder.issuingAuthority ?? Self.demoAuthority)
            person["valid_from"] = .date(issued)
            person["valid_to"] = if case .on(let date)? = holder.expiry { .date(date) } else { .string("long-term") }
            tables = ["": ["kind": .string(Kind.idcard.rawValue)]]
        }
        tables["holder"] = person
        let source = "the \(holder.kind.rawValue) of \(IdentityClaim.mask(idNumber: holder.idNumber))"
        try self.init(reading: CardFileReader(written: tables, source: source), source: source)
    }

    /// An ID card must name an address and an authority; a made-up person gets made-up ones.
    static let demoAddress = "江苏省南通市崇川区演示路1号"
    static let demoAuthority = "南通市公安局崇川分局"
}
