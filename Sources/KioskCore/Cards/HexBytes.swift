/// Hex text of bytes, one way everywhere: device profiles, card files, ATRs, logs and messages.
public enum HexBytes {
    /// "3B 6C 00 00" or "3B6C0000" (whitespace ignored); nil for anything but pairs of hex digits.
    public static func parse(_ text: String) -> [UInt8]? {
        let digits = Array(text.filter { !$0.isWhitespace })
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(digits[index...index + 1]), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// Upper-case hex, two digits a byte: "00 A4 04 00" with the default separator, "3B6C0000" with "".
    public static func format(_ bytes: some Sequence<UInt8>, separator: String = " ") -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + digits : digits
        }.joined(separator: separator)
    }
}

extension Sequence where Element == UInt8 {
    /// "00 A4 04 00", for messages about commands and status words.
    public var hexBytes: String { HexBytes.format(self) }
}

extension UInt8 {
    /// "0A": one byte as two upper-case hex digits.
    public var hexByte: String { HexBytes.format(CollectionOfOne(self)) }
}
