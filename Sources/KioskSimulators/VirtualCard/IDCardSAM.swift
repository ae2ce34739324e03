/// The ID-card reader's security module with a card on it, reached through a PC/SC tunnel: each
/// command APDU is `tunnel header (4) | Lc | GA 467 frame | Le`, each answer a GA 467 response frame
/// followed by 9000, or by `61xx` when the frame is longer than one short answer (256 bytes) and
/// the rest waits for GET RESPONSE.
struct IDCardSAM: Sendable {
    static let readDataHeader: [UInt8] = [0x01, 0x00, 0x04, 0x00]  // text length 256, photo length 1024
    /// 05.01-20250314-0000000001-1234567890 as sdtapi shows it (`GA467SAMNumber`): little-endian 16, 16, 32, 32, 32 bits.
    static let samID: [UInt8] = [0x05, 0x00, 0x01, 0x00, 0xCA, 0xFE, 0x34, 0x01, 0x01, 0x00, 0x00, 0x00, 0xD2, 0x02, 0x96, 0x49]

    private let card: VirtualCardFile.IDCard
    private var pending: PendingResponse?

    init(_ card: VirtualCardFile.IDCard) {
        self.card = card
    }

    mutating func reset() {
        pending = nil
    }

    mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 4 else { return StatusWord.bytes(StatusWord.wrongLength) }
        if bytes.starts(with: card.tunnelHeader) {
            pending = nil
            guard let apdu = CommandAPDU(bytes), !apdu.data.isEmpty else { return StatusWord.bytes(StatusWord.wrongLength) }
            return send(frame(answering: apdu.data))
        }
        if bytes[0] == 0x00, bytes[1] == 0xC0 { return getResponse(bytes) }
        pending = nil
        return StatusWord.bytes(bytes[0] == card.tunnelHeader[0] ? StatusWord.insNotSupported : StatusWord.claNotSupported)
    }

    /// The GA 467 response frame to a command frame; APDU-level 6A80 when it is not a frame at all.
    func frame(answering command: [UInt8]) -> [UInt8]? {
        switch GA467Frame.parseCommand(command) {
        case .notAFrame: return nil
        case .badLength: return GA467Frame.response(sw3: GA467Frame.SW3.lengthError)
        case .badChecksum: return GA467Frame.response(sw3: GA467Frame.SW3.checksumError)
        case .command(let code, let parameter, _):
            switch (code, parameter) {
            case (0x20, 0x01): return GA467Frame.response(sw3: GA467Frame.SW3.found, data: [0, 0, 0, 0])
            case (0x20, 0x02): return GA467Frame.response(sw3: GA467Frame.SW3.ok, data: [UInt8](repeating: 0, count: 8))
            case (0x30, 0x01):
                let data = Self.readDataHeader + IDCardTextBlock.encode(card) + card.photo
                return GA467Frame.response(sw3: GA467Frame.SW3.ok, data: data)
            case (0x30, 0x03): return GA467Frame.response(sw3: GA467Frame.SW3.noContent)  // no appended address
            default: return Self.samFrame(answering: command)
            }
        }
    }

    /// The SAM's answer to its own commands (status, number), card or no card; nil when `command` is
    /// not a frame at all.
    static func samFrame(answering command: [UInt8]) -> [UInt8]? {
        guard case .command(let code, let parameter, _) = GA467Frame.parseCommand(command) else { return frame(answeringBroken: command) }
        switch (code, parameter) {
        case (0x11, 0xFF): return GA467Frame.response(sw3: GA467Frame.SW3.ok)
        case (0x12, 0xFF): return GA467Frame.response(sw3: GA467Frame.SW3.ok, data: samID)
        default: return GA467Frame.response(sw3: GA467Frame.SW3.commandError)
        }
    }

    private static func frame(answeringBroken command: [UInt8]) -> [UInt8]? {
        switch GA467Frame.parseCommand(command) {
        case .badLength: GA467Frame.response(sw3: GA467Frame.SW3.lengthError)
        case .badChecksum: GA467Frame.response(sw3: GA467Frame.SW3.checksumError)
        case .notAFrame, .command: nil
        }
    }

    private mutating func send(_ frame: [UInt8]?) -> [UInt8] {
        guard let frame else { return StatusWord.bytes(StatusWord.wrongData) }
        var answer = PendingResponse(frame)
        let first = answer.next(maximum: 256)
        pending = answer.isEmpty ? nil : answer
        return first
    }

    private mutating func getResponse(_ bytes: [UInt8]) -> [UInt8] {
        guard var waiting = pending, !waiting.isEmpty else { return StatusWord.bytes(StatusWord.conditionsNotSatisfied) }
        guard let apdu = CommandAPDU(bytes), apdu.p1 == 0, apdu.p2 == 0 else { return StatusWord.bytes(StatusWord.wrongParameters) }
        let answer = waiting.next(maximum: apdu.le ?? 256)
        pending = waiting.isEmpty ? nil : waiting
        return answer
    }
}
