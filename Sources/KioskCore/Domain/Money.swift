/// An amount of money in integer fen (1 yuan = 100 fen). Never floating point.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static func yuan(_ yuan: Int64) -> Money { Money(fen: yuan * 100) }
    public static let zero = Money(fen: 0)

    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// Never below `minimum` (aid cannot make an amount negative).
    public func clamped(min minimum: Money) -> Money { self < minimum ? minimum : self }

    /// "430.00"
    public var yuanText: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// "¥430.00"
    public var description: String { "¥" + yuanText }

    public init(from decoder: any Decoder) throws {
        fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }
}
