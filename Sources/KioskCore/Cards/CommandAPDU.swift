/// A command APDU in the ISO 7816-4 short form: `CLA INS P1 P2 [Lc data] [Le]`.
public struct CommandAPDU: Sendable, Hashable, CustomStringConvertible {
    public var cla: UInt8
    public var ins: UInt8
    public var p1: UInt8
    public var p2: UInt8
    /// At most 255 bytes (short form); `APDUExchange` refuses longer data.
    public var data: [UInt8]
    /// Expected response length; nil omits Le, 0x00 asks for up to 256 bytes.
    public var le: UInt8?

    public init(cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: UInt8? = nil) {
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.le = le
    }

    public var bytes: [UInt8] {
        var bytes = [cla, ins, p1, p2]
        if !data.isEmpty {
            bytes.append(UInt8(truncatingIfNeeded: data.count))
            bytes += data
        }
        if let le { bytes.append(le) }
        return bytes
    }

    /// The header only, e.g. "00 B2 01 2C": command data may be personal (a PIN), the header is not.
    public var description: String { [cla, ins, p1, p2].hexBytes }

    /// GET RESPONSE for the `length` bytes a 61xx announced.
    static func getResponse(length: UInt8) -> CommandAPDU {
        CommandAPDU(ins: 0xC0, p1: 0x00, p2: 0x00, le: length)
    }
}
