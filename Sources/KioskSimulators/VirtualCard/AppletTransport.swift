import KioskCore
import Synchronization

/// Command APDUs to a virtual card's applet in the same process: the transport of the demo's card
/// reader, under the same `APDUExchange` and decoders that read a card through pcscd.
final class AppletTransport: APDUTransport {
    private let applet: Mutex<VirtualCardApplet>

    /// The card as just inserted: nothing selected, nothing pending.
    init(_ card: VirtualCardFile) {
        applet = Mutex(VirtualCardApplet(card))
    }

    func transmit(_ command: [UInt8]) async throws(KioskError) -> [UInt8] {
        applet.withLock { $0.respond(to: command) }
    }
}
