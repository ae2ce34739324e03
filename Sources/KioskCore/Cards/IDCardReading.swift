/// Reads a resident ID card through its reader's SAM: find the card, select it, read its text and
/// photo. The frames travel however the reader takes them: tunnelled in PC/SC APDUs, or on a serial line.
public enum IDCardReading {
    /// Over any carrier of GA 467 frames: `send` returns the response frame to one command.
    public static func read(_ send: (GA467Command) async throws(KioskError) -> GA467Response) async throws(KioskError) -> CardHolder {
        for command in [GA467Command.findCard, .selectCard] {
            try GA467Status.check(try await send(command), after: command)
        }
        let read = try await send(.readTextAndPhoto)
        try GA467Status.check(read, after: .readTextAndPhoto)
        let (text, photo) = try IDCardReadAnswer.split(read.data)
        return try IDCardTextBlock.holder(text: text, photo: photo)
    }

    /// Through a PC/SC reader that tunnels GA 467 in APDUs.
    public static func read(_ exchange: inout APDUExchange, profile: IDCardTunnelProfile) async throws(KioskError) -> CardHolder {
        try await read { command throws(KioskError) in try await IDCardTunnel.send(command, &exchange, profile) }
    }

    /// Throws the SW3's meaning unless `response` is `command`'s success.
    public static func check(_ response: GA467Response, after command: GA467Command) throws(KioskError) {
        try GA467Status.check(response, after: command)
    }
}
