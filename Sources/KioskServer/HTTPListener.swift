import Foundation
import Hummingbird
import HummingbirdCore
import KioskCore
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Where a listener takes connections.
public enum ListenAddress: Sendable, Equatable {
    /// kioskd binds the address itself (tests, `make demo`, a kiosk without the socket unit, the
    /// demo's embedded sandbox on a free loopback port).
    case bind(host: String, port: Int)
    /// systemd's `kioskd-ui.socket` holds the port, also while kioskd restarts, so no local process
    /// can take it and show the page a screen of its own (review M4).
    case inherited(InheritedListener)
}

/// A router served on a socket that is already bound when this value exists: its port is known
/// before the service group runs (the demo's sandbox URL), and an inherited descriptor works too.
///
/// Hummingbird's `Application` binds only addresses it opens itself, and only inside `run()`, so
/// this runs the same pieces — the child channel (HTTP/1, optionally with the WebSocket upgrade),
/// the router's responder, NIO's quiescing on shutdown — on a `ServerBootstrap`.
public struct HTTPListener<Child: ServerChildChannel>: Service {
    public let port: Int
    private let server: NIOAsyncChannel<Child.Value, Never>
    private let child: Child
    private let quiescing: ServerQuiescingHelper
    private let name: String
    private let logger: Logger

    /// Binds `address` at once; connections are taken once `run()` runs.
    public static func bind(_ address: ListenAddress, child: Child, name: String, logger: Logger) async throws -> HTTPListener {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
        let server: NIOAsyncChannel<Child.Value, Never>
        switch address {
        case .bind(let host, let port):
            server = try await bootstrap.bind(host: host, port: port) { child.setup(channel: $0, logger: logger) }
        case .inherited(let listener):
            server = try await bootstrap.bind(listener.descriptor) { child.setup(channel: $0, logger: logger) }
        }
        return HTTPListener(port: server.channel.localAddress?.port ?? 0, server: server, child: child, quiescing: quiescing, name: name, logger: logger)
    }

    public func run() async {
        let (child, logger, name) = (child, logger, name)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await child.handle(value: connection, logger: logger) }
                        }
                    }
                } catch is CancellationError {
                    // kioskd is stopping.
                } catch {
                    logger.error("\(name) stopped taking connections", metadata: [LogKey.reason: "\(error)"])
                }
            }
        } onGracefulShutdown: {
            // Stops accepting (an inherited socket stays open in systemd) and lets open requests finish.
            quiescing.initiateShutdown(promise: nil)
        }
    }

    /// For a listener that is never run (kioskd failed to start after binding it).
    public func close() async {
        try? await server.channel.close()
    }
}

/// What Hummingbird's `Application` does for each request: a context, the router, a 500 for an
/// unexpected error, and the Date and Server headers.
public enum HTTPResponding {
    public static func responder(_ responder: any HTTPResponder<BasicRequestContext>, serverName: String, logger: Logger) -> HTTPChannelHandler.Responder {
        { request, writer, channel in
            let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch let error as HTTPParserError {
                throw error
            } catch {
                logger.debug("\(serverName) request failed", metadata: [LogKey.reason: "\(type(of: error))"])
                response = Response(status: .internalServerError)
            }
            response.headers[.date] = httpDate(Date())
            response.headers[.server] = serverName
            try await writer.write(response: response.head, body: response.body)
        }
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    static func httpDate(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)
        ))
    }
}
