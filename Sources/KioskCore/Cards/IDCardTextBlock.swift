/// The 256-byte text block of a GA 467 read: UCS-2 little-endian fields, padded with spaces.
enum IDCardTextBlock {
    static let length = 256

    private static let name = 0..<30
    private static let gender = 30..<32
    private static let nation = 32..<36
    private static let birthDate = 36..<52
    private static let address = 52..<122
    private static let idNumber = 122..<158
    private static let issuingAuthority = 158..<188
    private static let validFrom = 188..<204
    private static let validTo = 204..<220
    /// Residence permits (type flag "J") use part of the reserved area.
    private static let passNumber = 220..<238
    private static let issueCount = 238..<242
    private static let typeFlag = 248..<250

    static func holder(text block: [UInt8], photo: [UInt8]) throws(KioskError) -> CardHolder {
        guard block.count == length else {
            throw KioskError(.cardUnreadable, "the ID card text block has \(block.count) bytes, \(length) expected")
        }
        func field(_ range: Range<Int>, _ label: String) throws(KioskError) -> String {
            try text(block[range], label)
        }
        let name = try field(Self.name, "name")
        guard !name.isEmpty else { throw unreadable("name", "is empty") }
        let idNumber = try field(Self.idNumber, "ID number")
        let typeFlag = try field(Self.typeFlag, "card type flag")
        let isResidencePermit = typeFlag == "J"

        var card = CardHolder(kind: .idCard, name: name, idNumber: idNumber)
        card.gender = try GenderCode.gender(try field(Self.gender, "gender"), else: unreadable("gender", GenderCode.expectation))
        if !isResidencePermit { card.nation = try nation(try field(Self.nation, "nation")) }
        card.birthDate = try date(try field(Self.birthDate, "birth date"), "birth date")
        card.address = try field(Self.address, "address").nilWhenEmpty
        card.issuingAuthority = try field(Self.issuingAuthority, "issuing authority").nilWhenEmpty
        card.issueDate = try date(try field(Self.validFrom, "valid-from date"), "valid-from date")
        let validTo = try field(Self.validTo, "valid-to date")
        card.expiry = validTo == "长期" ? .longTerm : .on(try date(validTo, "valid-to date"))
        let region = idNumber.prefix(6)
        card.regionCode = region.count == 6 && region.allSatisfy(\.isASCIIDigit) ? String(region) : nil
        card.cardType = typeFlag.nilWhenEmpty
        if isResidencePermit {
            let count = try field(Self.issueCount, "issue count")
            guard count.count == 2, count.allSatisfy(\.isASCIIDigit), let issueCount = Int(count) else {
                throw unreadable("issue count", "is not two digits")
            }
            card.residencePermit = CardHolder.ResidencePermit(passNumber: try field(Self.passNumber, "pass number"), issueCount: issueCount)
        }
        card.photo = photo.isEmpty ? nil : photo
        return card
    }

    /// UCS-2LE with trailing spaces and NULs stripped; no control characters.
    private static func text(_ bytes: ArraySlice<UInt8>, _ label: String) throws(KioskError) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
            index += 2
        }
        while let last = units.last, last == 0x0020 || last == 0x0000 { units.removeLast() }
        guard let text = String(validating: units, as: UTF16.self) else { throw unreadable(label, "is not valid UCS-2") }
        guard !text.unicodeScalars.contains(where: \.properties.isControlCharacter) else {
            throw unreadable(label, "contains control characters")
        }
        return text
    }

    private static func date(_ text: String, _ label: String) throws(KioskError) -> CalendarDate {
        guard let date = CalendarDate(compactText: text) else { throw unreadable(label, "is not a real date YYYYMMDD") }
        return date
    }

    /// Two digits (GB 3304); blank or an unlisted code reads as nil.
    private static func nation(_ text: String) throws(KioskError) -> String? {
        guard !text.isEmpty else { return nil }
        guard text.count == 2, text.allSatisfy(\.isASCIIDigit), let code = Int(text) else {
            throw unreadable("nation", "is not a two-digit code")
        }
        return NationCode.name(code)
    }

    private static func unreadable(_ label: String, _ problem: String) -> KioskError {
        KioskError(.cardUnreadable, "the ID card's \(label) field \(problem)")
    }
}
