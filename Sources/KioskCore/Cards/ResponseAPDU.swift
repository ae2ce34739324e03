/// A response APDU: data followed by the status word SW1 SW2.
public struct ResponseAPDU: Sendable, Hashable {
    public var data: [UInt8]
    public var sw1: UInt8
    public var sw2: UInt8

    public init(data: [UInt8] = [], sw1: UInt8, sw2: UInt8) {
        self.data = data
        self.sw1 = sw1
        self.sw2 = sw2
    }

    public init(raw: [UInt8]) throws(KioskError) {
        guard raw.count >= 2 else {
            throw KioskError(.cardUnreadable, "the card answered \(raw.count) byte(s), at least 2 (SW1 SW2) expected")
        }
        data = Array(raw.dropLast(2))
        sw1 = raw[raw.count - 2]
        sw2 = raw[raw.count - 1]
    }

    public var statusWord: UInt16 { UInt16(sw1) << 8 | UInt16(sw2) }

    /// "6A82": status words are not personal data.
    public var statusText: String { sw1.hexByte + sw2.hexByte }
}
