/// What a status word other than 9000 means while reading an SSC.
enum SSCStatus {
    static let ok: UInt16 = 0x9000
    static let securityNotSatisfied: UInt16 = 0x6982
    static let pinLocked: UInt16 = 0x6983
    static let fileNotFound: UInt16 = 0x6A82
    static let recordNotFound: UInt16 = 0x6A83
    static let applicationLocked: UInt16 = 0x9303

    /// Throws unless `response` is 9000. `command` names what was sent ("SELECT EF05").
    static func check(_ response: ResponseAPDU, after command: @autoclosure () -> String, selectingApplication: Bool = false) throws(KioskError) {
        guard response.statusWord != ok else { return }
        let status = response.statusText, command = command()
        switch response.statusWord {
        case fileNotFound where selectingApplication:
            throw KioskError(.cardNotSupported, "no social security application on the card (\(command) answered \(status))")
        case securityNotSatisfied:
            throw KioskError(.cardNotSupported, "\(command) answered \(status): the card wants PSAM authentication, which this reader lacks")
        case pinLocked:
            throw KioskError(.cardLocked, "the card's PIN is locked (\(command) answered \(status))")
        case applicationLocked:
            throw KioskError(.cardLocked, "the social security application is locked (\(command) answered \(status))")
        default:
            throw KioskError(.cardUnreadable, "\(command) answered \(status)")
        }
    }
}
