/// A resident ID number (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
/// 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
///
/// `description` is the masked form, so interpolating one into a log line never leaks it.
/// Error messages say what is wrong without repeating the number.
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The full number with an upper-case X. Never log it.
    public let value: String
    public let birthDate: CalendarDate

    static let length = 18
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    /// Birth dates before this year are taken as typing errors.
    static let earliestBirthYear = 1900

    public init(_ text: String) throws(KioskError) {
        let characters = Array(text)
        guard characters.count == Self.length else {
            throw KioskError(.idNumberInvalid, "an ID number has 18 characters, not \(characters.count)")
        }
        var digits: [Int] = []
        for (index, character) in characters.prefix(17).enumerated() {
            guard character.isASCII, let digit = character.wholeNumberValue else {
                throw KioskError(.idNumberInvalid, "character \(index + 1) of the ID number is not a digit")
            }
            digits.append(digit)
        }
        let check: Character = characters[17] == "x" ? "X" : characters[17]
        guard check == "X" || (check.isASCII && check.isWholeNumber) else {
            throw KioskError(.idNumberInvalid, "character 18 of the ID number (the check character) is not a digit or X")
        }
        let birthDate = try Self.birthDate(digits: digits)
        let expected = Self.checkCharacter(digits: digits)
        guard check == expected else {
            throw KioskError(.idNumberInvalid, "the check character of the ID number is \(check), expected \(expected)")
        }
        self.value = String(characters.prefix(17)) + String(check)
        self.birthDate = birthDate
    }

    /// ISO 7064 MOD 11-2 over the first 17 digits.
    static func checkCharacter(digits: [Int]) -> Character {
        checkCharacters[zip(digits, weights).map(*).reduce(0, +) % 11]
    }

    /// Characters 7–14, YYYYMMDD. The message names the part that is impossible, not the date itself.
    private static func birthDate(digits: [Int]) throws(KioskError) -> CalendarDate {
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        let year = number(6..<10), month = number(10..<12), day = number(12..<14)
        let problem: String
        if year < earliestBirthYear {
            problem = "the year is before \(earliestBirthYear)"
        } else if !(1...12).contains(month) {
            problem = "the month is not 01–12"
        } else if let date = CalendarDate(year: year, month: month, day: day) {
            return date
        } else {
            problem = "that month has no such day"
        }
        throw KioskError(.idNumberInvalid, "the birth date in characters 7–14 of the ID number is not a real date: \(problem)")
    }

    /// The GB/T 2260 administrative division of the place of registration (first six digits).
    public var regionCode: String { String(value.prefix(6)) }

    /// The 17th digit is odd for men, even for women.
    public var isFemale: Bool { (Array(value)[16].wholeNumberValue ?? 1) % 2 == 0 }
}
