import Foundation
import HummingbirdWebSocket
import KioskCore
import Logging
import Synchronization

/// One browser connection on `/ws`: pushes every screen of the session and turns the page's
/// touches into session events. A touch carries the `seq` of the screen it was made on; a touch
/// on a screen that has already changed (a double tap) is dropped instead of landing on the next one.
struct ScreenChannel: Sendable {
    let source: (any ResidentScreenSource)?
    let demo: Bool
    let qrSVG: @Sendable (String) -> String?
    let logger: Logger
    /// The service menu and the test pattern; nil without them.
    var service: ResidentServiceTools? = nil
    /// Measures the message rate (`MessageRate`).
    let clock: any Clock<Duration>
    /// When a screen was entered (countdowns run from there, in epoch time on the page).
    let wallClock: WallClock
    /// Hears the page's every message, so a silent page can be told from a live one.
    let presence: ScreenPresence

    private struct ScreenMessage: Encodable {
        let type = "screen"
        let screen: ResidentScreen
    }

    private struct ErrorMessage: Encodable {
        let type = "error"
        let message: String
    }

    private struct Envelope: Decodable {
        let type: String
        let seq: Int?
    }

    /// What this connection showed last: touches are read against it.
    private final class Shown: Sendable {
        let latest = Mutex<(seq: Int, state: SessionState)?>(nil)
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let shown = Shown()
        let menu = service.map(ServiceMenuConnection.init(tools:))
        let overlays = service?.overlays.pageFeed()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await push(to: outbound, shown: shown) }
            group.addTask { try await read(inbound, replyingTo: outbound, shown: shown, menu: menu) }
            if let overlays { group.addTask { try await Self.forward(overlays, to: outbound) } }
            try await group.next()
            group.cancelAll()
        }
    }

    private struct OverlayMessage: Encodable {
        let type = "overlay"
        let overlay: ScreenOverlayHub.Overlay
    }

    private static func forward(_ overlays: AsyncStream<ScreenOverlayHub.Overlay>, to outbound: WebSocketOutboundWriter) async throws {
        for await overlay in overlays { try await outbound.write(.text(encode(OverlayMessage(overlay: overlay)))) }
    }

    private func push(to outbound: WebSocketOutboundWriter, shown: Shown) async throws {
        var seq = 0
        for await update in await updates() {
            seq += 1
            let screen = ResidentScreen(state: update.state, actions: update.actions,
                                        context: context(seq: seq, enteredAt: update.enteredAt, settings: source?.sessionSettings, methods: update.methods))
            shown.latest.withLock { $0 = (seq, update.state) }
            try await outbound.write(.text(Self.encode(ScreenMessage(screen: screen))))
        }
    }

    /// The session's screens; without a session (no backend configured) one out-of-service screen
    /// that stays until the page goes, so the page does not reconnect over and over.
    private func updates() async -> AsyncStream<ScreenUpdate> {
        if let source { return await source.screenUpdates() }
        let (stream, continuation) = AsyncStream.makeStream(of: ScreenUpdate.self)
        continuation.yield(ScreenUpdate(state: .outOfService(.serviceUnavailable), actions: [], enteredAt: wallClock.now()))
        // The stream ends when its last continuation goes: this one is kept until the page leaves.
        continuation.onTermination = { _ in _ = continuation }
        return stream
    }

    struct Flooding: Error, CustomStringConvertible {
        var description: String { "more than \(ScreenAdmission.messagesPerSecond) messages a second: connection closed" }
    }

    private func read(_ inbound: WebSocketInboundStream, replyingTo outbound: WebSocketOutboundWriter, shown: Shown,
                      menu: ServiceMenuConnection?) async throws {
        let connection = Stopwatch(clock)
        var rate = MessageRate()
        for try await message in inbound.messages(maxSize: 16 * 1024) {
            presence.heard()
            guard rate.take(at: connection.elapsed) else {
                logger.warning("resident screen connection closed: it sends more than a resident can tap")
                throw Flooding()
            }
            guard case .text(let text) = message else {
                try await reply("send JSON text frames", to: outbound)
                continue
            }
            do {
                try await handle(Data(text.utf8), shown: shown, menu: menu, outbound: outbound)
            } catch let error as ResidentActionError {
                try await reply(error.description, to: outbound)
            } catch {
                try await reply("not an action: \(error)", to: outbound)
            }
        }
    }

    private func handle(_ data: Data, shown: Shown, menu: ServiceMenuConnection?, outbound: WebSocketOutboundWriter) async throws {
        let envelope = try JSONDecoder().decode(Envelope.self, from: data)
        // The page's heartbeat: heard above, nothing to answer.
        if envelope.type == "alive" { return }
        if envelope.type != "action", let replies = try await menu?.handle(type: envelope.type, data: data) {
            for reply in replies { try await outbound.write(.text(reply)) }
            return
        }
        guard envelope.type == "action" else { throw ResidentActionError("unknown message type \"\(envelope.type)\"") }
        let action = try JSONDecoder().decode(ResidentAction.self, from: data)
        guard let source, let latest = shown.latest.withLock({ $0 }) else { return }
        if let seq = envelope.seq, seq != latest.seq, action.action != .touch {
            logger.debug("touch on a screen already replaced dropped", metadata: [LogKey.action: "\(action.action.rawValue)"])
            return
        }
        let event = try action.event(in: latest.state)
        logger.debug("resident touch", metadata: [LogKey.action: "\(action.action.rawValue)"])
        await source.residentTouched(event)
    }

    private func reply(_ message: String, to outbound: WebSocketOutboundWriter) async throws {
        try await outbound.write(.text(Self.encode(ErrorMessage(message: message))))
    }

    private func context(seq: Int, enteredAt: Date, settings: SessionSettings?, methods: [PaymentMethod]? = nil) -> ResidentScreen.Context {
        ResidentScreen.Context(seq: seq, demo: demo, enteredAt: enteredAt, settings: settings ?? SessionSettings(insuranceYear: 0), qrSVG: qrSVG, methods: methods)
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
