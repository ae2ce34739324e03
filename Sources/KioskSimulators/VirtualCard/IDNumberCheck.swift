/// The GB 11643-1999 check character (ISO 7064 MOD 11-2), computed here rather than taken from
/// KioskCore so that a wrong check in the kiosk cannot hide behind the same wrong check in the card.
public enum IDNumberCheck {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let characters = Array("10X98765432")

    /// The check character for the first 17 characters of `idNumber`; nil unless they are 17 digits.
    public static func character(for idNumber: String) -> Character? {
        let digits = idNumber.prefix(17).compactMap { $0.isPlainDigit ? $0.wholeNumberValue : nil }
        guard digits.count == 17 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return characters[sum % 11]
    }

    /// Whether an 18-character ID number ends with its correct check character.
    public static func isValid(_ idNumber: String) -> Bool {
        guard idNumber.count == 18, let last = idNumber.last else { return false }
        return character(for: idNumber) == last
    }
}
