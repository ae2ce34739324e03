/// GA 467 frames: `AA AA AA 96 69 | LEN (2, big-endian: every byte after it, CHK included) | body | CHK`,
/// CHK being the XOR of LEN through the last body byte. A command's body is `CMD PARA [data]`,
/// a response's `SW1 SW2 SW3 [data]`.
public enum GA467Frame {
    public static let preamble: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69]
    /// Preamble and LEN.
    static let headerLength = 7

    /// Find card: `command(0x20, 0x01)` is `AA AA AA 96 69 00 03 20 01 22`.
    public static func command(_ command: UInt8, _ parameter: UInt8, data: [UInt8] = []) -> [UInt8] {
        encode(body: [command, parameter] + data)
    }

    /// Any frame around `body`; LEN counts the body and CHK.
    public static func encode(body: [UInt8]) -> [UInt8] {
        let length = body.count + 1
        let counted = [UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)] + body
        return preamble + counted + [checksum(counted[...])]
    }

    /// The response in `frame`, after checking its preamble, LEN and CHK.
    public static func response(_ frame: [UInt8]) throws(KioskError) -> GA467Response {
        let noPreamble = "does not start with the preamble AA AA AA 96 69"
        guard frame.count >= headerLength else {
            throw unreadable(frame.starts(with: preamble.prefix(frame.count)) ? "is truncated: \(frame.count) byte(s), no LEN" : noPreamble)
        }
        guard frame.starts(with: preamble) else { throw unreadable(noPreamble) }
        let length = Int(frame[5]) << 8 | Int(frame[6])
        let following = frame.count - headerLength
        guard length == following else {
            throw unreadable("LEN says \(length) byte(s) follow, but \(following) do\(length > following ? " (truncated)" : "")")
        }
        guard length >= 4 else { throw unreadable("LEN is \(length), at least 4 expected (SW1 SW2 SW3 CHK)") }
        let check = checksum(frame[5..<(frame.count - 1)]), carried = frame[frame.count - 1]
        guard check == carried else { throw unreadable("carries checksum \(carried.hexByte), its bytes give \(check.hexByte)") }
        return GA467Response(sw1: frame[7], sw2: frame[8], sw3: frame[9], data: Array(frame[10..<(frame.count - 1)]))
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        bytes.reduce(0, ^)
    }

    private static func unreadable(_ problem: String) -> KioskError {
        KioskError(.cardUnreadable, "the ID reader's GA 467 response frame \(problem)")
    }
}
