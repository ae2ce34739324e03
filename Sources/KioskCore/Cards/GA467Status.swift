/// What a GA 467 SW3 means.
enum GA467Status {
    static let ok: UInt8 = 0x90
    static let found: UInt8 = 0x9F

    /// Throws unless `response` carries the command's success SW3.
    static func check(_ response: GA467Response, after command: GA467Command) throws(KioskError) {
        guard response.sw3 != command.success else { return }
        throw error(sw3: response.sw3, after: command)
    }

    static func error(sw3: UInt8, after command: GA467Command) -> KioskError {
        let answered = "\(command) answered SW3 \(sw3.hexByte)"
        func refused(_ reason: String) -> KioskError {
            KioskError(.cardUnreadable, "the ID reader refused the frame: \(reason) (\(answered))")
        }
        func samFailed(_ failure: String) -> KioskError {
            KioskError(.cardReaderSAMFailed, "\(failure) (\(answered))")
        }
        switch sw3 {
        case 0x80: return KioskError(.cardRemoved, "no ID card on the reader (\(answered))")
        case 0x91: return KioskError(.cardUnreadable, "the ID reader had no content to return (\(answered))")
        case 0x10: return refused("checksum error")
        case 0x11: return refused("length error")
        case 0x21: return refused("command error")
        case 0x24: return refused("unrecognised command")
        case 0x23, 0x66: return samFailed("the ID reader's SAM is not authorised")
        case 0x31: return samFailed("the card failed to authenticate the SAM")
        case 0x32: return samFailed("the SAM failed to authenticate the card")
        case 0x33: return samFailed("the SAM reported a verification error")
        case 0x47: return samFailed("the SAM failed to make a random number")
        case 0x60: return samFailed("the SAM failed its self-test")
        case 0x40: return KioskError(.cardNotSupported, "the ID reader does not know this card type (\(answered))")
        case 0x41: return KioskError(.cardUnreadable, "the ID reader failed to read the card (\(answered))")
        case 0x81: return KioskError(.cardUnreadable, "the ID reader failed to select the card (\(answered))")
        default: return KioskError(.cardUnreadable, "\(answered), \(command.success.hexByte) expected")
        }
    }
}
