/// A resident ID number (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date,
/// 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character.
///
/// `description` is the masked form, so interpolating one into a log line never leaks it.
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public let birthDate: CalendarDate

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    public init(_ text: String) throws(KioskError) {
        let normalised = text.uppercased()
        let characters = Array(normalised)
        guard characters.count == 18 else {
            throw KioskError(.idNumberInvalid, "an ID number has 18 characters, not \(characters.count)")
        }
        for (index, character) in characters.prefix(17).enumerated() where !("0"..."9").contains(character) {
            throw KioskError(.idNumberInvalid, "character \(index + 1) of the ID number is not a digit")
        }
        let digits = characters.prefix(17).compactMap(\.wholeNumberValue)
        let expected = Self.checkCharacters[zip(digits, Self.weights).map(*).reduce(0, +) % 11]
        guard characters[17] == expected else {
            throw KioskError(.idNumberInvalid, "the check character of the ID number is \(characters[17]), expected \(expected)")
        }
        let birth = String(characters[6..<14])
        guard let year = Int(birth.prefix(4)), let month = Int(birth.dropFirst(4).prefix(2)), let day = Int(birth.suffix(2)),
              year >= 1900, let date = CalendarDate(year: year, month: month, day: day) else {
            throw KioskError(.idNumberInvalid, "the ID number's birth date (characters 7–14) is not a real date")
        }
        value = normalised
        birthDate = date
    }

    public var regionCode: String { String(value.prefix(6)) }

    /// The 17th digit: odd for men, even for women.
    public var isFemale: Bool { (Array(value)[16].wholeNumberValue ?? 0) % 2 == 0 }

    /// "3206**********123X"
    public var masked: String { value.prefix(4) + String(repeating: "*", count: 10) + value.suffix(4) }

    public var description: String { masked }
}
