import KioskCore

/// A PC/SC ID-card reader that tunnels GA 467: `FF B0 00 00 Lc frame 00` in, the response frame out
/// (in 61xx chunks of at most 256 bytes when longer).
struct TestIDReader: ScriptedCard {
    static let header: [UInt8] = [0xFF, 0xB0, 0x00, 0x00]

    /// SW3 answered to find (20 01) and select (20 02).
    var findSW3: UInt8 = 0x9F
    var selectSW3: UInt8 = 0x90
    /// The whole response frame to read (30 01).
    var readFrame: [UInt8]
    /// Status word of the tunnel APDU itself, when not 9000.
    var tunnelStatus: [UInt8]?
    private var pending: PendingData?

    init(text: [UInt8], photo: [UInt8] = TestIDReader.photo) {
        readFrame = Self.readFrame(text: text, photo: photo)
    }

    init(readFrame: [UInt8]) {
        self.readFrame = readFrame
    }

    /// A read answer with the given SW3 and data.
    static func readFrame(text: [UInt8], photo: [UInt8], sw3: UInt8 = 0x90) -> [UInt8] {
        let lengths = [UInt8(text.count >> 8), UInt8(text.count & 0xFF), UInt8(photo.count >> 8), UInt8(photo.count & 0xFF)]
        return CardTestEncoding.ga467([0x00, 0x00, sw3] + lengths + text + photo)
    }

    /// 1024 bytes that are recognisably not text: the decoder must pass them through untouched.
    static let photo: [UInt8] = (0..<1024).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }

    mutating func respond(to command: [UInt8]) -> [UInt8] {
        if command.count == 5, command[0] == 0x00, command[1] == 0xC0 {
            guard var waiting = pending else { return [0x69, 0x85] }
            let answer = waiting.next(le: command[4])
            pending = waiting.isEmpty ? nil : waiting
            return answer
        }
        pending = nil
        guard command.count >= 5, Array(command.prefix(4)) == Self.header else { return [0x6E, 0x00] }
        if let tunnelStatus { return tunnelStatus }
        let frame = Array(command[5..<(command.count - 1)])
        guard frame.count >= 10 else { return [0x67, 0x00] }
        let answer: [UInt8]
        switch (frame[7], frame[8]) {
        case (0x20, 0x01): answer = CardTestEncoding.ga467([0x00, 0x00, findSW3, 0x00, 0x00, 0x00, 0x00])
        case (0x20, 0x02): answer = CardTestEncoding.ga467([0x00, 0x00, selectSW3] + [UInt8](repeating: 0, count: 8))
        case (0x30, 0x01): answer = readFrame
        default: answer = CardTestEncoding.ga467([0x00, 0x00, 0x21])
        }
        guard answer.count > 256 else { return answer + [0x90, 0x00] }
        let waiting = PendingData(answer)
        pending = waiting
        return waiting.announcement
    }
}

/// The 256-byte text block, field by field as GA 467 lays it out.
struct TestIDText {
    var name = "李明"
    var gender = "1"
    var nation = "01"
    var birthDate = "19600512"
    var address = "江苏省南通市崇川区人民路1号"
    var idNumber = "320602196005120210"
    var authority = "南通市公安局崇川分局"
    var validFrom = "20100101"
    var validTo = "长期"
    /// Residence permit: pass number, issue count, and the type flag "J" at 248..<250.
    var permit: (passNumber: String, issueCount: String)?

    var bytes: [UInt8] {
        typealias E = CardTestEncoding
        var block = E.ucs2(name, units: 15) + E.ucs2(gender, units: 1) + E.ucs2(nation, units: 2) + E.ucs2(birthDate, units: 8)
        block += E.ucs2(address, units: 35) + E.ucs2(idNumber, units: 18) + E.ucs2(authority, units: 15)
        block += E.ucs2(validFrom, units: 8) + E.ucs2(validTo, units: 8)
        if let permit {
            block += E.ucs2(permit.passNumber, units: 9) + E.ucs2(permit.issueCount, units: 2) + E.ucs2("", units: 3)
            block += E.ucs2("J", units: 1) + E.ucs2("", units: 3)
        } else {
            block += E.ucs2("", units: 18)
        }
        return block
    }
}
