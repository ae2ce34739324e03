/// The 256-byte text block of a GA 467 read: UCS-2 little-endian fields, each padded with spaces.
enum IDCardTextBlock {
    static let nameUnits = 15
    static let addressUnits = 35
    static let authorityUnits = 15
    static let passNumberUnits = 9
    static let length = 256

    static func encode(_ card: VirtualCardFile.IDCard) -> [UInt8] {
        var block = field(card.name, units: nameUnits)  // 0..<30
        block += field(card.gender.code, units: 1)  // 30..<32
        block += field(card.nation ?? "", units: 2)  // 32..<36
        block += field(card.birthDate.compactDigits, units: 8)  // 36..<52
        block += field(card.address, units: addressUnits)  // 52..<122
        block += field(card.idNumber, units: 18)  // 122..<158
        block += field(card.issuingAuthority, units: authorityUnits)  // 158..<188
        block += field(card.validFrom.compactDigits, units: 8)  // 188..<204
        switch card.validTo {
        case .date(let date): block += field(date.compactDigits, units: 8)  // 204..<220
        case .longTerm: block += field("长期", units: 8)
        }
        if let permit = card.permit {
            block += field(permit.passNumber, units: passNumberUnits)  // 220..<238
            block += field(permit.issueCount < 10 ? "0\(permit.issueCount)" : "\(permit.issueCount)", units: 2)  // 238..<242
            block += field("", units: 3)  // 242..<248
            block += field("J", units: 1)  // 248..<250: card type, residence permit
            block += field("", units: 3)  // 250..<256
        } else {
            block += field("", units: 18)  // 220..<256 reserved
        }
        return block
    }

    /// `text` in UTF-16LE, padded with spaces to `units` code units (the loader checks that it fits).
    static func field(_ text: String, units: Int) -> [UInt8] {
        let codeUnits = Array(text.utf16.prefix(units)) + Array(repeating: 0x0020, count: max(0, units - text.utf16.count))
        return codeUnits.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
}
