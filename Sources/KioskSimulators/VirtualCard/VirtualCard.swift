/// A card that can be inserted into pcscd's vpcd virtual reader. Each `insert` is a new
/// insertion: a fresh card state, command counting from 1, the card file's fault (if any).
public final class VirtualCard: Sendable {
    public let file: VirtualCardFile

    public init(_ file: VirtualCardFile) {
        self.file = file
    }

    /// Connects to vpcd ("inserts" the card) and answers it on a dedicated thread; returns once
    /// connected. `onEvent` is called on that thread for every command APDU and at the end.
    public func insert(
        host: String = "127.0.0.1", port: UInt16, onEvent: (@Sendable (VirtualCardEvent) -> Void)? = nil
    ) throws(VirtualCardConnectionError) -> VirtualCardSession {
        let socket = try VPCDSocket.connect(host: host, port: port)
        let session = VirtualCardSession(socket: socket, fault: file.fault)
        session.start(applet: VirtualCardApplet(file), atr: file.atr, onEvent: onEvent)
        return session
    }
}
