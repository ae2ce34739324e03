/// GA 467 frames: `AA AA AA 96 69 | LEN (2, big-endian: every byte after it, CHK included) | body | CHK`,
/// CHK being the XOR of LEN through the last body byte. Commands carry `CMD PARA [data]`,
/// responses `SW1 SW2 SW3 [data]`.
enum GA467Frame {
    static let preamble: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69]

    /// SW3 values the virtual SAM answers with.
    enum SW3 {
        static let ok: UInt8 = 0x90
        static let found: UInt8 = 0x9F
        /// Find card: no card on the reader.
        static let notFound: UInt8 = 0x80
        static let noContent: UInt8 = 0x91
        static let checksumError: UInt8 = 0x10
        static let lengthError: UInt8 = 0x11
        static let commandError: UInt8 = 0x21
    }

    /// A command frame such as find card `command(0x20, 0x01)` → `AA AA AA 96 69 00 03 20 01 22`.
    static func command(_ command: UInt8, _ parameter: UInt8, data: [UInt8] = []) -> [UInt8] {
        frame(body: [command, parameter] + data)
    }

    /// A response frame with SW1 SW2 = 00 00.
    static func response(sw3: UInt8, data: [UInt8] = []) -> [UInt8] {
        frame(body: [0x00, 0x00, sw3] + data)
    }

    static func frame(body: [UInt8]) -> [UInt8] {
        let length = body.count + 1
        let counted = [UInt8(length >> 8), UInt8(length & 0xFF)] + body
        return preamble + counted + [checksum(counted[...])]
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        bytes.reduce(0, ^)
    }

    enum ParsedCommand: Equatable {
        case command(UInt8, UInt8, data: [UInt8])
        case badLength
        case badChecksum
        /// No preamble, or too short to be a frame at all.
        case notAFrame
    }

    static func parseCommand(_ bytes: [UInt8]) -> ParsedCommand {
        guard bytes.count >= preamble.count + 3, bytes.starts(with: preamble) else { return .notAFrame }
        let length = Int(bytes[5]) << 8 | Int(bytes[6])
        guard length == bytes.count - 7, length >= 3 else { return .badLength }
        guard let check = bytes.last, checksum(bytes[5..<(bytes.count - 1)]) == check else { return .badChecksum }
        return .command(bytes[7], bytes[8], data: Array(bytes[9..<(bytes.count - 1)]))
    }
}
