import KioskCore

/// A social security card following the wire format in device-formats.md: SELECT DF by name,
/// SELECT EF05/EF06, READ RECORD by tag (P2 00) or by number (P2 2C / 34), answers `tag len value`.
struct TestSSCCard: ScriptedCard {
    struct Record: Sendable {
        var tag: UInt8
        /// nil: the record position exists but the card answers 6A83.
        var value: [UInt8]?
    }

    enum Style: Sendable, CaseIterable {
        /// Record + 9000 whatever Le says.
        case direct
        /// 6Cxx unless Le is the exact length (a T=0 card asked with Le 00).
        case wrongLength
        /// 61xx, then GET RESPONSE; the SELECT DF also returns its FCI this way.
        case getResponse
    }

    static let dfName: [UInt8] = [0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF]

    var ef05: [Record]
    var ef06: [Record]
    var style: Style = .direct
    /// Raw answers that replace the card's own, keyed by the command's first four bytes (CLA INS P1 P2).
    var overrides: [[UInt8]: [UInt8]] = [:]

    private var applicationSelected = false
    private var currentEF: UInt8?
    private var pending: PendingData?

    init(ef05: [Record], ef06: [Record], style: Style = .direct) {
        self.ef05 = ef05
        self.ef06 = ef06
        self.style = style
    }

    /// A card of `generation` (1, 2, 3) with the fields of the spec; `name` may spill into 4E.
    static func make(
        generation: Int, name: String, idNumber: String = "50011919820214066X", gender: String = "2", nation: UInt8 = 0x01,
        birthDate: String = "19820214", issueDate: String = "20200315", expiryDate: String = "20300315",
        cardNumber: String = "A12345678", regionCode: String = "320600", namePadding: UInt8 = 0x00, nameExtensionPresent: Bool = true
    ) -> TestSSCCard {
        typealias E = CardTestEncoding
        var main: [UInt8] = [], rest: [UInt8] = []
        var count = 0
        for character in name {
            let bytes = E.gb18030(String(character))
            if rest.isEmpty, count < 15, main.count + bytes.count <= 30 {
                main += bytes
                count += 1
            } else {
                rest += bytes
            }
        }
        let ef05 = [
            Record(tag: 0x01, value: E.ascii(regionCode + "D156000001")),
            Record(tag: 0x02, value: E.ascii("3")),
            Record(tag: 0x03, value: E.ascii("\(generation).00")),
            Record(tag: 0x04, value: E.ascii(regionCode + "000000")),
            Record(tag: 0x05, value: E.bcd(issueDate)),
            Record(tag: 0x06, value: E.bcd(expiryDate)),
            Record(tag: 0x07, value: E.ascii(cardNumber)),
        ]
        var ef06 = [
            Record(tag: 0x08, value: E.ascii(idNumber)),
            Record(tag: 0x09, value: E.padded(main, to: 30, with: namePadding)),
        ]
        if generation >= 2 {
            ef06.append(Record(tag: 0x4E, value: nameExtensionPresent ? E.padded(rest, to: 20, with: namePadding) : nil))
        }
        ef06 += [
            Record(tag: 0x0A, value: E.ascii(gender)),
            Record(tag: 0x0B, value: [nation]),
            Record(tag: 0x0C, value: E.bcd(regionCode)),
            Record(tag: 0x0D, value: E.bcd(birthDate)),
        ]
        return TestSSCCard(ef05: ef05, ef06: ef06)
    }

    /// Replaces the value of `tag` (in either file).
    mutating func set(_ tag: UInt8, _ value: [UInt8]?) {
        if let index = ef05.firstIndex(where: { $0.tag == tag }) { ef05[index].value = value }
        if let index = ef06.firstIndex(where: { $0.tag == tag }) { ef06[index].value = value }
    }

    mutating func respond(to command: [UInt8]) -> [UInt8] {
        guard command.count >= 4 else { return [0x67, 0x00] }
        if let answer = overrides[Array(command.prefix(4))] { return answer }
        let ins = command[1], p1 = command[2], p2 = command[3]
        let body = Array(command.dropFirst(4))
        if ins == 0xC0 {
            guard var waiting = pending else { return [0x69, 0x85] }
            let answer = waiting.next(le: body.first ?? 0)
            pending = waiting.isEmpty ? nil : waiting
            return answer
        }
        pending = nil
        switch ins {
        case 0xA4:
            guard let lc = body.first, body.count >= 1 + Int(lc) else { return [0x67, 0x00] }
            let data = Array(body[1..<(1 + Int(lc))])
            if p1 == 0x04 {
                guard data == Self.dfName else { return [0x6A, 0x82] }
                applicationSelected = true
                if style == .getResponse {
                    let fci = [0x6F, 0x11, 0x84, 0x0F] + Self.dfName
                    return deliver(fci, le: nil)
                }
                return [0x90, 0x00]
            }
            guard applicationSelected, p1 == 0x02, data == [0xEF, 0x05] || data == [0xEF, 0x06] else { return [0x6A, 0x82] }
            currentEF = data[1]
            return [0x90, 0x00]
        case 0xB2:
            guard applicationSelected else { return [0x69, 0x85] }
            let le = body.count == 1 ? body[0] : nil
            let record: Record?
            switch p2 {
            case 0x00:
                guard let currentEF else { return [0x69, 0x86] }
                record = (currentEF == 0x05 ? ef05 : ef06).first { $0.tag == p1 }
            case 0x2C, 0x34:
                let list = p2 == 0x2C ? ef05 : ef06
                record = list.indices.contains(Int(p1) - 1) ? list[Int(p1) - 1] : nil
            default:
                return [0x6A, 0x86]
            }
            guard let record, let value = record.value else { return [0x6A, 0x83] }
            return deliver([record.tag, UInt8(value.count)] + value, le: le)
        default:
            return [0x6D, 0x00]
        }
    }

    private mutating func deliver(_ data: [UInt8], le: UInt8?) -> [UInt8] {
        switch style {
        case .direct:
            return data + [0x90, 0x00]
        case .wrongLength:
            guard let le, Int(le) == data.count else { return [0x6C, UInt8(data.count)] }
            return data + [0x90, 0x00]
        case .getResponse:
            let waiting = PendingData(data)
            pending = waiting
            return waiting.announcement
        }
    }
}
