import HTTPTypes
import Synchronization

/// Who may open the resident screen's WebSocket, and how much they may send. The screen carries a
/// resident's masked data and takes their taps, so only the kiosk's own page may use it: a loopback
/// Host naming the port kioskd listens on (no DNS name, so no rebinding), and an Origin that is that
/// same page. Connections are capped, and a connection that floods messages is closed.
final class ScreenAdmission: Sendable {
    /// The page holds one connection; a reload or the demo panel may briefly hold another.
    static let maximumConnections = 4
    /// A resident taps a few times a second at most; the page's own messages are fewer.
    static let messagesPerSecond = 10
    static let messageBurst = 30

    private let state = Mutex<(port: Int?, open: Int)>((nil, 0))

    /// The port the server listens on, once it does.
    func listening(on port: Int) { state.withLock { $0.port = port } }

    /// Whether this upgrade request comes from the kiosk's own page, and a connection is free for
    /// it (then the caller must `release()` when it ends). Nil with the reason otherwise.
    func admit(_ request: HTTPRequest) -> String? {
        state.withLock { state in
            guard let port = state.port else { return "the server is not listening yet" }
            guard let host = request.authority, Self.loopbackHosts(port: port).contains(host) else {
                return "Host \(request.authority ?? "(none)") is not this kiosk's loopback address"
            }
            guard request.headerFields[.origin] == "http://\(host)" else {
                return "Origin \(request.headerFields[.origin] ?? "(none)") is not the kiosk's page"
            }
            guard state.open < Self.maximumConnections else { return "already \(Self.maximumConnections) screen connections" }
            state.open += 1
            return nil
        }
    }

    /// Frees the connection's slot; returns how many stay open.
    @discardableResult
    func release() -> Int {
        state.withLock {
            $0.open -= 1
            return $0.open
        }
    }

    var openConnections: Int { state.withLock { $0.open } }

    static func loopbackHosts(port: Int) -> Set<String> { ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] }
}

/// A token bucket over a monotonic stopwatch: `messageBurst` messages at once, then
/// `messagesPerSecond` on average.
struct MessageRate {
    private var tokens = Double(ScreenAdmission.messageBurst)
    private var last: Duration = .zero

    /// Takes one message sent at `now` (time since the connection opened); false when over the rate.
    mutating func take(at now: Duration) -> Bool {
        let seconds = Double((now - last).components.seconds) + Double((now - last).components.attoseconds) / 1e18
        last = now
        tokens = min(Double(ScreenAdmission.messageBurst), tokens + seconds * Double(ScreenAdmission.messagesPerSecond))
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
