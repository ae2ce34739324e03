/// Something that carries one command APDU to a card and brings back its raw response
/// (data followed by SW1 SW2). The PC/SC driver implements it; the decoders only see this.
///
/// Implementations throw `KioskError` with `.cardRemoved`, `.cardNotResponding` or `.cardUnreadable`;
/// they do not interpret status words (`APDUExchange` does).
public protocol APDUTransport: Sendable {
    func transmit(_ command: [UInt8]) async throws(KioskError) -> [UInt8]
}
