/// Reads a resident ID card through a PC/SC reader that tunnels GA 467: find the card, select it,
/// read its text and photo.
public enum IDCardReading {
    public static func read(_ exchange: inout APDUExchange, profile: IDCardTunnelProfile) async throws(KioskError) -> CardHolder {
        for command in [GA467Command.findCard, .selectCard] {
            try GA467Status.check(try await IDCardTunnel.send(command, &exchange, profile), after: command)
        }
        let read = try await IDCardTunnel.send(.readTextAndPhoto, &exchange, profile)
        try GA467Status.check(read, after: .readTextAndPhoto)
        let (text, photo) = try IDCardReadAnswer.split(read.data)
        return try IDCardTextBlock.holder(text: text, photo: photo)
    }
}
