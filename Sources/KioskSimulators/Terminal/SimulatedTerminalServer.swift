import Foundation
import Hummingbird
import HummingbirdTLS
import KioskCore
import KioskDevices
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The virtual PIN pad on the network, as a real terminal is: HTTPS POST `/nexo` with protected
/// nexo messages (Adyen Terminal API, local integration). The kiosk's `NexoTerminal` talks to it
/// exactly as to a terminal on the shop's LAN; so can any other nexo sale system.
public final class SimulatedTerminalServer: Sendable {
    public let terminal: SimulatedPaymentTerminal
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    /// Off: the pad is unplugged from the network (every request is refused with 503, nothing reaches the engine).
    private let online: Switch

    /// Listens on `host:port` (0: a free port) and returns once it does.
    public static func start(terminal: SimulatedPaymentTerminal, credentials: SimulatedTerminalCredentials, security: NexoMessageSecurity,
                             host: String = "127.0.0.1", port: Int = 0, logger: Logger) async throws -> SimulatedTerminalServer {
        let tls = try serverTLS(credentials)
        let router = Router()
        let online = Switch()
        router.post("/nexo") { request, _ -> Response in
            guard online.isOn else { return errors(status: .serviceUnavailable, "the terminal is offline") }
            let body = try await request.body.collect(upTo: 1_048_576)
            return await answer(Data(body.readableBytesView), terminal: terminal, security: security, logger: logger)
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: .init(address: .hostname(host, port: port), serverName: "kiosk-sim-terminal"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? port)
                portSink.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            throw KioskError(.terminalUnreachable, "the simulated terminal could not listen on \(host):\(port)")
        }
        return SimulatedTerminalServer(terminal: terminal, port: bound, group: group, task: task, online: online)
    }

    private init(terminal: SimulatedPaymentTerminal, port: Int, group: ServiceGroup, task: Task<Void, any Error>, online: Switch) {
        self.terminal = terminal
        self.port = port
        self.group = group
        self.task = task
        self.online = online
    }

    public var isOnline: Bool {
        get { online.isOn }
        set { online.isOn = newValue }
    }

    final class Switch: Sendable {
        private let state = Mutex(true)
        var isOn: Bool {
            get { state.withLock { $0 } }
            set { state.withLock { $0 = newValue } }
        }
    }

    /// Stops listening, lets open requests end (a hanging one is cancelled) and returns once it has.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

    static func answer(_ message: Data, terminal: SimulatedPaymentTerminal, security: NexoMessageSecurity, logger: Logger) async -> Response {
        let request: NexoRequest
        do {
            request = try NexoRequest(jsonData: try security.open(message))
        } catch {
            // As a terminal does with what it cannot read: refused, nothing done.
            logger.warning("simulated terminal refused a message", metadata: ["reason": "\(error)"])
            return errors(status: .badRequest, "\(error)")
        }
        switch await terminal.handle(request) {
        case .response(let response):
            do {
                let sealed = try security.seal(try response.jsonData())
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: sealed)))
            } catch {
                return errors(status: .internalServerError, "\(error)")
            }
        case .empty:
            return Response(status: .ok)
        case .dropped:
            // The answer is lost: the connection breaks after the status line, before any body.
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { _ in throw AnswerLost() })
        case .hang:
            // Never answers: the request stays open until the kiosk gives up or the terminal stops.
            try? await gracefulShutdown()
            return errors(status: .serviceUnavailable, "stopped")
        }
    }

    struct AnswerLost: Error {}

    /// Adyen's error body for a request the terminal did not take.
    static func errors(status: HTTPResponse.Status, _ message: String) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["errors": [message]])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func serverTLS(_ credentials: SimulatedTerminalCredentials) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(credentials.certificatePEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(credentials.keyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
