import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskCore
import KioskTesting
import Testing

@Suite("kioskd serves the resident screen: its page, its WebSocket, and in --demo its controls")
struct ResidentUIServerTests {
    @Test("production: the page with a same-origin-only policy; foreign pages cannot open the session's WebSocket; no demo controls")
    func production() async throws {
        try await InProcessKiosk.with(demo: false) { fixture in
            let port = fixture.uiPort

            let (page, response) = try await Self.fetch(port, "/")
            #expect(response.statusCode == 200)
            #expect(String(decoding: page, as: UTF8.self).contains("<html"))
            #expect(response.value(forHTTPHeaderField: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(response.value(forHTTPHeaderField: "Content-Type") == "text/html; charset=utf-8")
            #expect(response.value(forHTTPHeaderField: "Cache-Control") == "no-store")
            #expect(try await Self.fetch(port, "/kiosk.js").1.value(forHTTPHeaderField: "Content-Type")?.hasSuffix("charset=utf-8") == true)
            for path in ["/demo", "/demo.html", "/demo/api/residents", "/nothing-here.js", "/%64emo.html", "//demo.html", "/%2Fdemo.js", "/DEMO.html"] {
                #expect(try await Self.fetch(port, path).1.statusCode == 404, "\(path)")
            }

            // Only the kiosk's own page: a foreign Origin, no Origin, or a Host that is not this kiosk's
            // loopback address (DNS rebinding) is refused.
            await #expect(throws: TestFixtureError.self) { try await ResidentScreenSocket(port: port, origin: "http://evil.example") }
            await #expect(throws: TestFixtureError.self) { try await ResidentScreenSocket(port: port, origin: nil) }
            await #expect(throws: TestFixtureError.self) {
                try await ResidentScreenSocket(port: port, origin: "http://rebind.example:\(port)", host: "rebind.example:\(port)")
            }
            let viaLocalhost = try await ResidentScreenSocket(port: port, origin: "http://localhost:\(port)", host: "localhost:\(port)")
            _ = try await viaLocalhost.message(ofType: "screen")
            let accepted = try await ResidentScreenSocket(port: port)
            let first = try JSONSerialization.jsonObject(with: Data(try await accepted.message(ofType: "screen").utf8)) as? [String: Any]
            #expect(first?["type"] as? String == "screen")
            let screen = try #require(first?["screen"] as? [String: Any])
            #expect(["attract", "outOfService"].contains(screen["screen"] as? String), "\(screen)")
            #expect(screen["demo"] as? Bool == false)
        }
    }

    @Test("the screen's WebSocket takes a few connections and a resident's pace: a fifth connection is refused, a flood is cut off")
    func connectionCapAndRate() async throws {
        try await InProcessKiosk.with(demo: false) { fixture in
            let port = fixture.uiPort
            var open: [ResidentScreenSocket] = []
            for _ in 0..<4 { open.append(try await ResidentScreenSocket(port: port)) }
            await #expect(throws: TestFixtureError.self, "a fifth connection") { try await ResidentScreenSocket(port: port) }
            open.removeLast()
            // The slot comes back once kioskd has noticed the close (it says so).
            do {
                try await waitUntil("kioskd notices a page went", timeout: .seconds(60)) {
                    fixture.logText.contains("resident screen disconnected")
                }
            } catch {
                Issue.record("\(error); kioskd said:\n\(fixture.logText.suffix(3000))")
                return
            }
            let flooding = try await ResidentScreenSocket(port: port)
            _ = try await flooding.message(ofType: "screen")
            for _ in 0..<200 { try? await flooding.sendMessage(#"{"type":"action","action":"touch"}"#) }
            await #expect(throws: (any Error).self, "the server closes a connection that floods it") {
                while true { _ = try await flooding.message(ofType: "never-sent") }
            }
            #expect(fixture.logText.contains("sends more than a resident can tap"))
        }
    }

    @Test("--demo: the control API lists masked residents, names what it refuses, and takes the backend down and up")
    func demoControls() async throws {
        try await InProcessKiosk.with { fixture in
            let port = fixture.uiPort

            let (listing, _) = try await Self.fetch(port, "/demo/api/residents")
            let text = String(decoding: listing, as: UTF8.self)
            #expect(text.contains("张*国"))
            #expect(!text.contains("张建国") && !text.contains("320602196005120210"))
            // /demo leads to the control panel's page.
            #expect(try await Self.fetch(port, "/demo").1.url?.path == "/demo.html")

            let refused = try await Self.post(port, "/demo/api/card", #"{"kind":"ssc","resident":99}"#)
            #expect(refused.status == 409)
            #expect(refused.body.contains("demo.refused") && refused.body.contains("no demo resident 99"))
            #expect(try await Self.post(port, "/demo/api/card", #"{"kind":"floppy"}"#).status == 400)
            let noQR = try await Self.post(port, "/demo/api/qr-paid", "{}")
            #expect(noQR.status == 409 && noQR.body.contains("no payment QR is on the screen"))

            try await waitUntil("the demo session is open", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
            #expect(try await Self.post(port, "/demo/api/backend", #"{"up":false}"#).status == 200)
            // Two failed checks, the second after the confirmation delay, on the test clock.
            try await fixture.advance(until: "the backend switched off took the kiosk out of service") { try await fixture.status().session == "outOfService" }
            let state = try await Self.fetch(port, "/demo/api/state")
            #expect(String(decoding: state.0, as: UTF8.self).contains(#""backendUp":false"#))
            #expect(try await Self.post(port, "/demo/api/backend", #"{"up":true}"#).status == 200)
            try await waitUntil("the backend back brings the kiosk back", timeout: .seconds(15), poll: .milliseconds(100)) {
                try await fixture.status().session == "attract"
            }
        }
    }

    @Test("without a backend client there is no session: the screen says out of service and the connection stays, without reconnecting")
    func noSession() async throws {
        // https with TLS files that do not exist: kioskd runs (technicians can diagnose it) but cannot serve residents.
        let fixture = try DaemonFixture(extraEnvironment: [
            "KIOSK_BACKEND_URL": "https://127.0.0.1:9/kiosk/v1", "KIOSK_BACKEND_CA_FILE": "/etc/kioskd/tls/nonexistent-ca.pem",
            "KIOSK_BACKEND_CLIENT_CERTIFICATE": "/etc/kioskd/tls/nonexistent.pem", "KIOSK_BACKEND_CLIENT_KEY": "/etc/kioskd/tls/nonexistent.key",
        ])
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd said:\n\(fixture.daemon.standardOutput)")
        let socket = try await ResidentScreenSocket(port: try fixture.uiPort())
        let first = try await socket.message(ofType: "screen")
        #expect(first.contains(#""screen":"outOfService""#), "\(first)")
        // Still open and still reading: a malformed touch is answered.
        try await socket.sendMessage(#"{"type":"action","action":"fly"}"#)
        let answer = try await socket.message(ofType: "error")
        #expect(answer.contains("not an action"), "\(answer)")
    }

    static func fetch(_ port: Int, _ path: String) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        return (data, try #require(response as? HTTPURLResponse))
    }

    static func post(_ port: Int, _ path: String, _ body: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
