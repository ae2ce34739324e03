/// The records of an SSC's EF05 (issuer data) and EF06 (holder data), encoded from the card file:
/// each record is `tag len value`.
struct SSCRecords: Sendable {
    static let ef05: UInt8 = 0x05
    static let ef06: UInt8 = 0x06

    /// Tags in record order. A nil value keeps its record position but is absent (answers 6A83).
    private let ef05Records: [(tag: UInt8, value: [UInt8]?)]
    private let ef06Records: [(tag: UInt8, value: [UInt8]?)]

    init(_ card: VirtualCardFile.SSC) {
        ef05Records = [
            (0x01, Self.ascii(Self.cardIdentifier(regionCode: card.regionCode, cardNumber: card.cardNumber))),
            (0x02, Self.ascii(card.cardType)),
            (0x03, Self.ascii(card.specVersion)),
            (0x04, Self.ascii(card.regionCode + "000000")),
            (0x05, BCD.encode(card.issueDate)),
            (0x06, BCD.encode(card.expiryDate)),
            (0x07, Self.ascii(card.cardNumber)),
        ]
        var holder: [(tag: UInt8, value: [UInt8]?)] = [
            (0x08, Self.ascii(card.idNumber)),
            (0x09, card.nameParts.mainField),
        ]
        if card.generation >= 2 {
            holder.append((0x4E, card.hasNameExtension ? card.nameParts.extensionField : nil))
        }
        holder += [
            (0x0A, Self.ascii(card.gender.code)),
            (0x0B, BCD.encode(card.nation)),
            (0x0C, BCD.encode(card.birthPlace)),
            (0x0D, BCD.encode(card.birthDate)),
        ]
        ef06Records = holder
    }

    /// 卡识别码: region code, "D156" (China) and six digits taken from the card number (its last
    /// six digits, zero-padded on the left).
    static func cardIdentifier(regionCode: String, cardNumber: String) -> String {
        let digits = String(cardNumber.filter(\.isASCIIDigit).suffix(6))
        return regionCode + "D156" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// `tag len value` of `tag` in `ef`; nil when the EF has no such record.
    func record(ef: UInt8, tag: UInt8) -> [UInt8]? {
        records(of: ef).first { $0.tag == tag }.flatMap(Self.encode)
    }

    /// `tag len value` of the 1-based record `number` in `ef`.
    func record(ef: UInt8, number: Int) -> [UInt8]? {
        let list = records(of: ef)
        guard list.indices.contains(number - 1) else { return nil }
        return Self.encode(list[number - 1])
    }

    private func records(of ef: UInt8) -> [(tag: UInt8, value: [UInt8]?)] {
        switch ef {
        case Self.ef05: ef05Records
        case Self.ef06: ef06Records
        default: []
        }
    }

    private static func encode(_ record: (tag: UInt8, value: [UInt8]?)) -> [UInt8]? {
        record.value.map { [record.tag, UInt8($0.count)] + $0 }
    }

    private static func ascii(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }
}
