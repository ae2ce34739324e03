import Foundation
import Glibc
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskCore
import KioskTesting
import Testing

@Suite("kioskd exports Prometheus metrics and answers /healthz, on the UI listener and the admin socket")
struct MetricsEndpointTests {
    @Test("a declined then a paid pay code through the resident screen show in /metrics; /healthz is 200 with its checks")
    func paymentShowsInMetrics() async throws {
        let fixture = try DaemonFixture(arguments: DemoModeTests.sandboxArguments)
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd said:\n\(fixture.daemon.standardOutput)")
        let port = try fixture.uiPort()
        try await waitUntil("the demo session is open", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }

        let before = try await Self.get(port, "/metrics")
        #expect(before.status == 200)
        #expect(!before.body.contains("kiosk_sessions_total"), "\(before.body)")

        let resident = try await Self.residentIndex(port: port, masked: "张*国")
        let screen = try await ResidentScreenSocket(port: port)
        try await screen.wait(for: ["attract"])
        try await Self.demo(port, "/demo/api/card", #"{"kind":"ssc","resident":\#(resident)}"#)
        try await screen.wait(for: ["showingEnrollment"])
        try await screen.tap(#"{"action":"confirmPayment"}"#, expecting: ["choosingMethod"])
        try await screen.tap(#"{"action":"chooseMethod","method":"paycode"}"#, expecting: ["awaitingPayCode"])
        // The sandbox declines a code ending in 93 (insufficient funds): no money moves.
        try await Self.demo(port, "/demo/api/scan/paycode", #"{"channel":"wechat","outcome":"93"}"#)
        try await screen.wait(for: ["paymentFailed"])
        try await screen.tap(#"{"action":"retry"}"#, expecting: ["choosingMethod"])
        try await screen.tap(#"{"action":"chooseMethod","method":"paycode"}"#, expecting: ["awaitingPayCode"])
        try await Self.demo(port, "/demo/api/scan/paycode", #"{"channel":"wechat","outcome":"succeed"}"#)
        try await screen.wait(for: ["takingReceipt", "finished"])

        // The demo's printer drew the receipt with the production renderer; the demo page shows it.
        let receipt = try await Self.get(port, "/demo/api/receipt.png")
        #expect(receipt.status == 200 && receipt.contentType == "image/png", "\(receipt.status) \(receipt.contentType ?? "")")
        #expect(receipt.body.contains("PNG") && receipt.body.contains("IHDR"), "not a PNG")

        let scraped = try await Self.get(port, "/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.contentType?.hasPrefix("text/plain; version=0.0.4") == true, "\(scraped.contentType ?? "no Content-Type")")
        let lines = Set(scraped.body.split(separator: "\n").map(String.init))
        for line in [
            #"kiosk_sessions_total{outcome="completed"} 1"#,
            #"kiosk_payments_total{method="paycode",outcome="failed"} 1"#,
            #"kiosk_payments_total{method="paycode",outcome="succeeded"} 1"#,
            #"kiosk_errors_total{code="payment.declined"} 1"#,
            #"kiosk_backend_request_duration_seconds_count{operation="create_payment"} 2"#,
            #"kiosk_backend_request_duration_seconds_count{operation="resolve_identity"} 1"#,
            #"kiosk_backend_request_duration_seconds_count{operation="get_enrollment"} 1"#,
            #"kiosk_card_read_duration_seconds_count 1"#,
            #"kiosk_print_duration_seconds_count 1"#,
        ] {
            #expect(lines.contains(line), "no line \(line) in /metrics:\n\(scraped.body)")
        }
        #expect(lines.contains(#"kiosk_print_duration_seconds_bucket{le="30.0"} 1"#), "\(scraped.body)")
        for role in DeviceRole.allCases {
            let gauge = lines.first { $0.hasPrefix(#"kiosk_device_up{role="\#(role.rawValue)"} "#) }
            #expect(gauge.flatMap { Double($0.split(separator: " ").last ?? "") } == 1, "\(role): \(gauge ?? "no gauge")")
        }
        for secret in ["张", "320602196005120210", "3206**********0210"] {
            #expect(!scraped.body.contains(secret), "/metrics holds personal data")
        }

        let health = try await Self.get(port, "/healthz")
        #expect(health.status == 200, "\(health.body)")
        let report = try JSONDecoder().decode(Health.self, from: Data(health.body.utf8))
        #expect(report.status == "ok")
        #expect(report.checks == ["session": Health.Check(ok: true), "journal": Health.Check(ok: true), "admin_socket": Health.Check(ok: true)])

        let adminMetrics = try AdminSocketHTTP.request(socket: fixture.socketPath, "GET", "/v1/metrics")
        #expect(adminMetrics.status == 200)
        #expect(adminMetrics.body.contains(#"kiosk_sessions_total{outcome="completed"} 1"#), "\(adminMetrics.body)")
        let adminHealth = try AdminSocketHTTP.request(socket: fixture.socketPath, "GET", "/v1/healthz")
        #expect(adminHealth.status == 200)
        #expect(adminHealth.body.contains(#""status":"ok""#), "\(adminHealth.body)")
    }

    struct Health: Decodable {
        struct Check: Decodable, Equatable {
            var ok: Bool
            var detail: String?
        }

        var status: String
        var checks: [String: Check]
    }

    static func residentIndex(port: Int, masked: String) async throws -> Int {
        let listing = try await get(port, "/demo/api/residents")
        struct Listing: Decodable { var residents: [DemoResident] }
        struct DemoResident: Decodable { var index: Int; var label: String; var hasSSC: Bool }
        let residents = try JSONDecoder().decode(Listing.self, from: Data(listing.body.utf8)).residents
        let found = residents.first { $0.label.contains(masked) && $0.hasSSC }
        return try #require(found, "no demo resident \(masked) with an SSC in \(listing.body)").index
    }

    static func get(_ port: Int, _ path: String) async throws -> (status: Int, body: String, contentType: String?) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type"))
    }

    static func demo(_ port: Int, _ path: String, _ body: String) async throws {
        let answer = try await ResidentUIServerTests.post(port, path, body)
        guard answer.status == 200 else { throw TestFixtureError("\(path) answered \(answer.status): \(answer.body)") }
    }
}
