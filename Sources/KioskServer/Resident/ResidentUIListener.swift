import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import KioskCore
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Where the resident screen's server takes connections.
public enum ResidentUIAddress: Sendable, Equatable {
    /// kioskd binds `[ui] listen` itself (tests, `make demo`, a kiosk without the socket unit).
    case bind(host: String, port: Int)
    /// systemd's `kioskd-ui.socket` holds the port, also while kioskd restarts, so no local process
    /// can take it and show the page a screen of its own (review M4).
    case inherited(InheritedListener)
}

/// Serves the router and the `/ws` upgrade on a socket kioskd binds or one systemd passed it.
///
/// Hummingbird's `Application` binds only addresses it opens itself, so this service runs the same
/// pieces — the HTTP/1 + WebSocket child channel, the router's responder, NIO's quiescing on
/// shutdown — on a `ServerBootstrap` that can also adopt an inherited descriptor.
struct ResidentUIListener: Service {
    let address: ResidentUIAddress
    let responder: any HTTPResponder<BasicRequestContext>
    let shouldUpgrade: @Sendable (HTTPRequest, any Channel, Logger) throws -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>
    let serverName: String
    let logger: Logger
    let onRunning: @Sendable (Int) async -> Void

    func run() async throws {
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
        let childChannel = HTTP1WebSocketUpgradeChannel(responder: respond, configuration: .init(), shouldUpgrade: shouldUpgrade)
        let logger = self.logger
        let server: NIOAsyncChannel<HTTP1WebSocketUpgradeChannel.Value, Never>
        switch address {
        case .bind(let host, let port):
            server = try await bootstrap.bind(host: host, port: port) { childChannel.setup(channel: $0, logger: logger) }
        case .inherited(let listener):
            server = try await bootstrap.bind(listener.descriptor) { childChannel.setup(channel: $0, logger: logger) }
        }
        await onRunning(server.channel.localAddress?.port ?? 0)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await childChannel.handle(value: connection, logger: logger) }
                        }
                    }
                } catch is CancellationError {
                    // kioskd is stopping.
                } catch {
                    logger.error("resident screen server stopped taking connections", metadata: [LogKey.reason: "\(error)"])
                }
            }
        } onGracefulShutdown: {
            // Stops accepting (an inherited socket stays open in systemd) and lets open requests finish.
            quiescing.initiateShutdown(promise: nil)
        }
    }

    /// What Hummingbird's `Application` does for each request: a context, the router, a 500 for an
    /// unexpected error, and the Date and Server headers.
    private func respond(_ request: Request, _ writer: consuming ResponseWriter, _ channel: any Channel) async throws {
        let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as HTTPParserError {
            throw error
        } catch {
            logger.debug("resident screen request failed", metadata: [LogKey.reason: "\(type(of: error))"])
            response = Response(status: .internalServerError)
        }
        response.headers[.date] = Self.httpDate(Date())
        response.headers[.server] = serverName
        try await writer.write(response: response.head, body: response.body)
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    static func httpDate(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)
        ))
    }
}
