/// What a resident presented to identify themselves. Personal data: `description` is masked.
public enum IdentityClaim: Sendable, Hashable, CustomStringConvertible {
    case socialSecurityCard(cardNumber: String, idNumber: String, name: String)
    case idCard(idNumber: String, name: String)
    /// Name and ID number typed on the screen (already checked with `IDNumber`).
    case typed(idNumber: String, name: String)
    /// The token of a scanned electronic social security card code.
    case esscToken(String)

    public var method: String {
        switch self {
        case .socialSecurityCard: "ssc"
        case .idCard: "id_card"
        case .typed: "typed"
        case .esscToken: "essc"
        }
    }

    public var description: String {
        switch self {
        case .socialSecurityCard(_, let idNumber, _), .idCard(let idNumber, _), .typed(let idNumber, _):
            "\(method) claim for \(Self.mask(idNumber: idNumber))"
        case .esscToken:
            "essc claim"
        }
    }

    /// "3206**********123X" for anything that looks like an ID number; stars otherwise.
    public static func mask(idNumber: String) -> String {
        guard idNumber.count > 8 else { return String(repeating: "*", count: idNumber.count) }
        return idNumber.prefix(4) + String(repeating: "*", count: idNumber.count - 8) + idNumber.suffix(4)
    }
}
