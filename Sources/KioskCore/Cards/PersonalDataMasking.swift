/// The masked forms of personal data that logs, `kioskctl` and the sandbox may show.
public enum PersonalDataMasking {
    /// "3206**********123X": the first four and last four characters; all stars when 8 or fewer.
    public static func idNumber(_ number: String) -> String {
        IdentityClaim.mask(idNumber: number)
    }

    /// "张*", "张*三", "欧**娜": the first and last characters stay; one character becomes "*".
    public static func name(_ name: String) -> String {
        let characters = Array(name)
        switch characters.count {
        case 0: return ""
        case 1: return "*"
        case 2: return "\(characters[0])*"
        default: return "\(characters[0])" + String(repeating: "*", count: characters.count - 2) + "\(characters[characters.count - 1])"
        }
    }

    /// "3206**": a GB/T 2260 region code to the prefecture, as much as the ID number's mask shows.
    public static func regionCode(_ code: String) -> String {
        String(code.prefix(4)) + String(repeating: "*", count: max(0, code.count - 4))
    }

    /// "******123": only the last three characters; all stars when there are three or fewer.
    public static func cardNumber(_ number: String) -> String {
        let count = number.count
        guard count > 3 else { return String(repeating: "*", count: count) }
        return String(repeating: "*", count: count - 3) + number.suffix(3)
    }

    /// "**************1234": only the last four digits of a pay code; all stars when there are four or fewer.
    public static func payCode(_ digits: String) -> String {
        let count = digits.count
        guard count > 4 else { return String(repeating: "*", count: count) }
        return String(repeating: "*", count: count - 4) + digits.suffix(4)
    }
}
