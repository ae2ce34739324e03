extension Sequence where Element == UInt8 {
    /// "00 A4 04 00": upper-case hex, space-separated, for messages about commands and status words.
    var hexBytes: String {
        map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + digits : digits
        }.joined(separator: " ")
    }
}

extension UInt8 {
    /// "0A": one byte as two upper-case hex digits.
    var hexByte: String { CollectionOfOne(self).hexBytes }
}
