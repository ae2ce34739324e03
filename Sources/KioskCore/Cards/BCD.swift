/// Packed BCD, two decimal digits a byte, as the SSC stores dates and the nation code.
enum BCD {
    /// The digits, or nil when a nibble is A–F.
    static func digits(_ bytes: [UInt8]) -> [Int]? {
        var digits: [Int] = []
        digits.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            let high = Int(byte >> 4), low = Int(byte & 0x0F)
            guard high <= 9, low <= 9 else { return nil }
            digits += [high, low]
        }
        return digits
    }
}
