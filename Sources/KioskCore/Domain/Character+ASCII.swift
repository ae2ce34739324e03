/// The kiosk's one set of ASCII tests: ID numbers, card files, codes and keys are ASCII, and Swift's
/// own `isNumber` / `isWholeNumber` / `isLetter` also accept other scripts' digits and letters.
extension Character {
    /// 0–9 only.
    public var isASCIIDigit: Bool { asciiValue?.isASCIIDigit ?? false }

    /// A–Z only.
    public var isCapitalASCIILetter: Bool { asciiValue.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ?? false }

    /// 0–9 and a–f only.
    public var isLowercaseHexDigit: Bool { asciiValue.map { $0.isASCIIDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) } ?? false }
}

extension UInt8 {
    public var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }

    public var isASCIIAlphanumeric: Bool {
        isASCIIDigit || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
