/// One tagged field of an SSC record file, and how long its value may be.
public struct SSCField: Sendable, Hashable, CustomStringConvertible {
    enum Length: Hashable {
        case exactly(Int)
        case atMost(Int)
    }

    let file: SSCFile
    public let tag: UInt8

    static let cardIdentifier = SSCField(file: .ef05, tag: 0x01)
    static let cardType = SSCField(file: .ef05, tag: 0x02)
    public static let specVersion = SSCField(file: .ef05, tag: 0x03)
    static let issuingOrganisation = SSCField(file: .ef05, tag: 0x04)
    static let issueDate = SSCField(file: .ef05, tag: 0x05)
    static let expiryDate = SSCField(file: .ef05, tag: 0x06)
    static let cardNumber = SSCField(file: .ef05, tag: 0x07)
    public static let idNumber = SSCField(file: .ef06, tag: 0x08)
    public static let name = SSCField(file: .ef06, tag: 0x09)
    static let nameExtension = SSCField(file: .ef06, tag: 0x4E)
    static let gender = SSCField(file: .ef06, tag: 0x0A)
    static let nation = SSCField(file: .ef06, tag: 0x0B)
    static let birthPlace = SSCField(file: .ef06, tag: 0x0C)
    static let birthDate = SSCField(file: .ef06, tag: 0x0D)

    private static let known: [UInt8: (meaning: String, length: Length)] = [
        0x01: ("card identifier", .atMost(16)),
        0x02: ("card type", .exactly(1)),
        0x03: ("spec version", .exactly(4)),
        0x04: ("issuing organisation", .atMost(12)),
        0x05: ("issue date", .exactly(4)),
        0x06: ("expiry date", .exactly(4)),
        0x07: ("card number", .atMost(9)),
        0x08: ("social security number", .atMost(18)),
        0x09: ("name", .atMost(30)),
        0x4E: ("name extension", .atMost(20)),
        0x0A: ("gender", .exactly(1)),
        0x0B: ("nation", .exactly(1)),
        0x0C: ("birthplace", .atMost(3)),
        0x0D: ("birth date", .exactly(4)),
    ]

    /// nil for a tag the kiosk does not know (a profile may list one; its value is not used).
    var length: Length? { Self.known[tag]?.length }

    /// "EF06 tag 09 (name)".
    public var description: String {
        let meaning = Self.known[tag].map { " (\($0.meaning))" } ?? ""
        return "\(file) tag \(tag.hexByte)\(meaning)"
    }

    /// "EF06 record 1 (tag 08, social security number)", for record-number addressing.
    func description(record number: Int) -> String {
        let meaning = Self.known[tag].map { ", \($0.meaning)" } ?? ""
        return "\(file) record \(number) (tag \(tag.hexByte)\(meaning))"
    }

    func unreadable(_ problem: String) -> KioskError {
        KioskError(.cardUnreadable, "\(self) \(problem)")
    }
}
