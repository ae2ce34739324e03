/// 社会保障卡卡号 (SSC file EF05, tag 07): nine characters, digits and capital letters.
public enum SSCCardNumber {
    public static let length = 9

    /// Why `text` cannot be a card number, or nil when it can.
    public static func problem(_ text: String) -> String? {
        text.count == length && text.allSatisfy({ $0.isASCIIDigit || $0.isCapitalASCIILetter })
            ? nil : "must be \(length) characters, digits and capital letters (got \(text.count))"
    }
}
