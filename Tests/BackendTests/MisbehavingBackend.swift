import Foundation
import Hummingbird
import KioskBackendAPI
import KioskTesting
import Metrics
import Logging
import NIOCore
import Synchronization

/// A plain-HTTP server that answers the contract's getPayment badly, one way per payment id.
final class MisbehavingBackend: Sendable {
    let requests = RequestCounts()
    private let server: TestServer
    var port: Int { server.port }

    static let validPayment = #"{"payment_id":"flaky-0001","person_ref":"psn_1","year":2021,"tier":"basic","amount_fen":43000,"method":"qr","status":"pending","created_at":"2020-11-15T08:00:00Z","receipt_available":false}"#

    init() async throws {
        let router = Router()
        let requests = self.requests
        router.get("/kiosk/v1/payments/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            let count = requests.bump(id)
            switch id {
            case "malformed-json": return Self.json(#"{"payment_id": 12"#)
            case "wrong-shape": return Self.json(#"{"nope":1}"#)
            case "html": return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<html></html>")))
            case "oversized": return Self.json("[" + String(repeating: "\"0123456789\",", count: 200_000) + "0]")
            case "stalled":
                try await Task.sleep(for: .seconds(6))
                return Self.json(Self.validPayment)
            case "trickled":
                // The head at once, then a body that never ends: one byte every 100 ms keeps every read alive.
                return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: #"{"payment_id":"#))
                    while true {
                        try await Task.sleep(for: .milliseconds(100))
                        try await writer.write(ByteBuffer(string: " "))
                    }
                })
            case "flaky-0001": return count == 1 ? Response(status: .serviceUnavailable) : Self.json(Self.validPayment)
            case "server-error":
                return Response(status: .internalServerError, headers: [.contentType: "application/problem+json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"code":"internal","title":"boom","status":500}"#)))
            case "invented-code":
                return Response(status: .conflict, headers: [.contentType: "application/problem+json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"code":"payment.gone_fishing","title":"invented","status":409}"#)))
            case "listed-code":
                return Response(status: .conflict, headers: [.contentType: "application/problem+json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"code":"payment.not_reversible","title":"too late","status":409}"#)))
            default: return Response(status: .notFound)
            }
        }
        server = try await TestServer { onRunning in
            Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                        onServerRunning: { await onRunning($0.localAddress?.port ?? 0) }, logger: Logger(label: "misbehaving"))
        }
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The timeout is generous by default: only the test of a stalled answer needs a short one, and says so.
    func client(requestTimeout: Duration = .seconds(10), maximumResponseBytes: Int = 64 * 1024, retryBaseDelay: Duration = .milliseconds(10),
                clock: any Clock<Duration> = ContinuousClock(), metrics: (any MetricsFactory)? = nil) throws -> HTTPSBackendClient {
        try HTTPSBackendClient(settings: .init(url: "http://127.0.0.1:\(port)/kiosk/v1", connectTimeout: .seconds(1), requestTimeout: requestTimeout,
                                               maximumResponseBytes: maximumResponseBytes, retryBaseDelay: retryBaseDelay), clock: clock, metrics: metrics)
    }

    func stop() async {
        await server.stop()
    }
}

final class RequestCounts: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func bump(_ id: String) -> Int {
        counts.withLock { counts in
            counts[id, default: 0] += 1
            return counts[id, default: 0]
        }
    }

    subscript(_ id: String) -> Int { counts.withLock { $0[id, default: 0] } }
}
