extension Character {
    /// 0…9 only (`isNumber` also accepts ½, ٣ and other scripts' digits).
    var isPlainDigit: Bool { asciiValue.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false }

    var isCapitalASCIILetter: Bool { asciiValue.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ?? false }
}
