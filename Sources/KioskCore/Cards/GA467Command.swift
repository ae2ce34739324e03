/// The GA 467 commands the kiosk sends, with the SW3 that means success.
struct GA467Command: Sendable, CustomStringConvertible {
    let code: UInt8
    let parameter: UInt8
    let name: String
    let success: UInt8

    static let findCard = GA467Command(code: 0x20, parameter: 0x01, name: "find card", success: GA467Status.found)
    static let selectCard = GA467Command(code: 0x20, parameter: 0x02, name: "select card", success: GA467Status.ok)
    static let readTextAndPhoto = GA467Command(code: 0x30, parameter: 0x01, name: "read text and photo", success: GA467Status.ok)

    var frame: [UInt8] { GA467Frame.command(code, parameter) }

    /// "find card (20 01)".
    var description: String { "\(name) (\([code, parameter].hexBytes))" }
}
