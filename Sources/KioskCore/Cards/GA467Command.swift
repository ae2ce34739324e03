/// The GA 467 commands the kiosk sends, with the SW3 that means success.
public struct GA467Command: Sendable, CustomStringConvertible {
    public let code: UInt8
    public let parameter: UInt8
    public let name: String
    public let success: UInt8
    /// How many data bytes its successful answer carries (nil: four or more); a failure carries none.
    public let answerLength: Int?

    /// Answered 9F with the card's 4-byte IIN, or 80 when no card is there.
    public static let findCard = GA467Command(code: 0x20, parameter: 0x01, name: "find card", success: GA467Status.found, answerLength: 4)
    /// Answered 90 with the card's 8-byte serial number.
    public static let selectCard = GA467Command(code: 0x20, parameter: 0x02, name: "select card", success: GA467Status.ok, answerLength: 8)
    /// Answered 90 with the text and photo lengths, the text and the photo (`IDCardReadAnswer`).
    public static let readTextAndPhoto = GA467Command(code: 0x30, parameter: 0x01, name: "read text and photo", success: GA467Status.ok, answerLength: nil)
    /// The SAM's self-check: `11 FF`, SW3 90 when it works.
    public static let samStatus = GA467Command(code: 0x11, parameter: 0xFF, name: "SAM status", success: GA467Status.ok, answerLength: 0)
    /// The SAM's 16-byte number (`GA467SAMNumber`): `12 FF`.
    public static let samNumber = GA467Command(code: 0x12, parameter: 0xFF, name: "read SAM number", success: GA467Status.ok, answerLength: 16)

    /// Whether `response` can be this command's answer. GA 467 frames carry no sequence number: on a
    /// serial line, a late answer to an earlier command is told apart by its shape.
    public func accepts(_ response: GA467Response) -> Bool {
        if response.sw3 == success { return answerLength.map { response.data.count == $0 } ?? (response.data.count >= 4) }
        // 90 and 9F are other commands' successes; a failure's SW3 is neither, with no data.
        return response.sw3 != GA467Status.ok && response.sw3 != GA467Status.found && response.data.isEmpty
    }

    /// SW3 of "find card" when no card is on the reader.
    public static let noCard: UInt8 = 0x80

    public var frame: [UInt8] { GA467Frame.command(code, parameter) }

    /// "find card (20 01)".
    public var description: String { "\(name) (\([code, parameter].hexBytes))" }
}
