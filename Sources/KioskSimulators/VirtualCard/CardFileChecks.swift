import KioskCore
/// Checks of card-file values; each returns what is wrong, or nil. Messages for personal data
/// (`[holder]`) describe the problem without repeating the value.
enum CardFileChecks {
    static let nations: Set<String> = Set((1...56).map { $0 < 10 ? "0\($0)" : "\($0)" } + ["97", "98"])

    /// 17 digits and a digit or X. A wrong check character is allowed (tests need such cards).
    static func idNumber(_ text: String) -> String? {
        guard text.count == 18, text.prefix(17).allSatisfy(\.isASCIIDigit),
              let last = text.last, last.isASCIIDigit || last == "X" else {
            return "is not an ID number: 18 characters expected, 17 digits and a digit or X (got \(text.count) characters)"
        }
        return nil
    }

    static func digits(_ text: String, count: Int, personal: Bool) -> String? {
        guard text.count == count, text.allSatisfy(\.isASCIIDigit) else {
            return personal ? "must be \(count) digits" : "\"\(text)\" is not \(count) digits"
        }
        return nil
    }

    static func nation(_ text: String) -> String? {
        nations.contains(text) ? nil : "is not a nation code 01–56, 97 or 98 (two digits)"
    }

    static func gender(_ text: String) -> VirtualCardFile.Gender? {
        VirtualCardFile.Gender(rawValue: text)
    }

    /// Text a card prints: not empty, no control characters, no surrounding spaces.
    static func text(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "contains control characters" }
        if text.first?.isWhitespace == true || text.last?.isWhitespace == true { return "has leading or trailing spaces" }
        return nil
    }

    /// An ATR: 2…33 bytes starting with TS 3B (direct) or 3F (inverse convention).
    static func atr(_ text: String) -> Result<[UInt8], CardFileProblem> {
        guard let bytes = HexBytes.parse(text) else { return .failure(CardFileProblem("\"\(text)\" is not hex bytes")) }
        guard (2...33).contains(bytes.count), bytes.first == 0x3B || bytes.first == 0x3F else {
            return .failure(CardFileProblem("\"\(text)\" is not an ATR (2 to 33 bytes starting with 3B or 3F)"))
        }
        return .success(bytes)
    }
}

/// What is wrong with one value (the reader adds the key).
struct CardFileProblem: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
