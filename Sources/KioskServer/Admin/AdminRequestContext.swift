import Hummingbird
import Logging
import NIOCore

/// The admin server's request context: Hummingbird's basic context plus the connection's NIO
/// channel, from which the caller's peer credentials are read for the audit log.
public struct AdminRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The uid, gid and pid of the process that connected; nil when the socket does not say.
    func peerCredentials() async -> PeerCredentials? {
        await PeerCredentials.of(channel)
    }

    /// The context the admin routes take, for the same connection.
    var basic: BasicRequestContext {
        BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
    }
}
