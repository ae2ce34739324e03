extension CalendarDate {
    /// From eight digits YYYYMMDD (the form both cards store); nil when not a real date.
    init?(compactDigits digits: [Int]) {
        guard digits.count == 8, digits.allSatisfy((0...9).contains) else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// From the text "YYYYMMDD"; nil for anything else.
    init?(compactText text: String) {
        let digits = text.unicodeScalars.map { scalar in
            scalar.isASCII ? Int(scalar.value) - Int(UInt8(ascii: "0")) : -1
        }
        self.init(compactDigits: digits)
    }
}
