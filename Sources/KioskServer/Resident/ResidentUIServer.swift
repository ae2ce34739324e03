import Foundation
import Hummingbird
import HummingbirdWebSocket
import KioskConfig
import KioskCore
import Logging
import ServiceLifecycle

/// The resident touch screen: the static page from `[ui] root`, its WebSocket at `/ws`, and in demo
/// mode the control panel at `/demo` with its API under `/demo/api/`. Listens on `[ui] listen`, or on
/// the socket systemd's `kioskd-ui.socket` passed.
public enum ResidentUIServer {
    public static func make(
        settings: KioskConfiguration.UI,
        session: (any ResidentScreenSource)?,
        demo: (any DemoControls)?,
        qrSVG: @escaping @Sendable (String) -> String?,
        logger: Logger,
        observability: Observability? = nil,
        service: ResidentServiceTools? = nil,
        clock: any Clock<Duration>,
        wallClock: WallClock = .system,
        address: ListenAddress? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(KioskError) -> some Service {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: settings.root + "/index.html", isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw KioskError(.configInvalid, "ui.root: \(settings.root)/index.html does not exist (install the UI files, or set ui.root / KIOSK_UI_ROOT)")
        }
        let address = address ?? .bind(host: settings.listenHost, port: settings.listenPort)
        let admission = ScreenAdmission()
        let presence = ScreenPresence(clock: clock, openPages: { admission.openConnections })
        let channel = ScreenChannel(source: session, demo: demo != nil, qrSVG: qrSVG, logger: logger, service: service, clock: clock, wallClock: wallClock, presence: presence)
        let responder = router(root: settings.root, demo: demo, logger: logger, observability: observability, presence: presence).buildResponder()
        let child = HTTP1WebSocketUpgradeChannel(
            responder: HTTPResponding.responder(responder, serverName: "kioskd-ui", logger: logger), configuration: .init(),
            shouldUpgrade: { request, _, _ in
                guard request.path == "/ws" else { return .dontUpgrade }
                if let refusal = admission.admit(request) {
                    logger.warning("resident screen connection refused", metadata: [LogKey.reason: "\(refusal)"])
                    return .dontUpgrade
                }
                // The page holds one connection for as long as it is on the screen: its comings and goings
                // are rare, and tell a technician when the screen lost kioskd (or its renderer died).
                logger.notice("resident screen connected", metadata: [LogKey.screenConnections: "\(admission.openConnections)"])
                return .upgrade([:]) { inbound, outbound, _ in
                    presence.heard()
                    defer {
                        logger.notice("resident screen disconnected", metadata: [LogKey.screenConnections: "\(admission.release())"])
                    }
                    try await channel.run(inbound: inbound, outbound: outbound)
                }
            }
        )
        return BoundWhenRun(address: address, child: child, logger: logger) { port in
            admission.listening(on: port)
            await onRunning(port)
        }
    }

    /// Binds when the group runs it, so a kioskd that fails to start never held the port.
    struct BoundWhenRun: Service {
        let address: ListenAddress
        let child: HTTP1WebSocketUpgradeChannel
        let logger: Logger
        let onRunning: @Sendable (Int) async -> Void

        func run() async throws {
            let listener = try await HTTPListener.bind(address, child: child, name: "resident screen server", logger: logger)
            await onRunning(listener.port)
            await listener.run()
        }
    }

    static func router(root: String, demo: (any DemoControls)?, logger: Logger, observability: Observability?, presence: ScreenPresence) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ScreenSecurityMiddleware())
        // For kiosk-browser: 200 while the page on the screen talks to kioskd, 503 once it has gone
        // silent (a crashed or hung renderer). It says nothing about residents.
        router.get("/screen/alive") { _, _ in
            let report = presence.report
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: report.alive ? .ok : .serviceUnavailable, headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(report))))
        }
        // Without --demo the control panel's page does not exist either.
        if demo == nil { router.add(middleware: DemoPageGuard()) }
        router.add(middleware: FileMiddleware(root, searchForIndexHtml: true, logger: logger))
        ObservabilityRoutes.add(to: router, observability)
        if let demo {
            router.get("/demo") { _, _ in Response(status: .seeOther, headers: [.location: "/demo.html"]) }
            DemoRoutes.add(to: router, controls: demo)
        }
        return router
    }

}

/// `/demo.html` and its files answer 404 unless kioskd runs with `--demo`. The path is judged as the
/// file server will read it — percent-decoded, with empty segments dropped — so `/%64emo.html` and
/// `//demo.html` are refused too.
struct DemoPageGuard<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isDemo(request.uri.path) { throw HTTPError(.notFound) }
        return try await next(request, context)
    }

    static func isDemo(_ path: String) -> Bool {
        let decoded = path.removingPercentEncoding ?? path
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        return segments.first?.lowercased().hasPrefix("demo") == true
    }
}
