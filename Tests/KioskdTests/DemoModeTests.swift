import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskCore
import KioskTesting
import Testing

@Suite("kioskd --demo embeds the sandbox backend")
struct DemoModeTests {
    static let sandboxArguments = [
        "--demo",
        "--sandbox-residents", RepositoryPaths.root + "/Sources/SandboxBackend/Data/residents.toml",
        "--sandbox-policies", RepositoryPaths.root + "/Sources/ContributionPolicy/Policies",
    ]

    @Test("the kiosk's backend is the embedded sandbox on loopback, and it answers the contract within the region's window")
    func embeddedSandboxAnswers() async throws {
        try await InProcessKiosk.with { fixture in
            let status = try await fixture.status()
            #expect(status.mode == .demo)
            #expect(status.backend.reachable, "\(status.backend.detail)")
            #expect(status.backend.url.hasPrefix("http://127.0.0.1:"))
            #expect(status.backend.url.hasSuffix("/kiosk/v1"))
            // The simulated devices report themselves; no hardware is probed in demo mode.
            #expect(status.devices.map(\.role) == [.sscReader, .idcardReader, .scanner, .printer])
            #expect(status.devices.allSatisfy { $0.state == .online && $0.detail.hasSuffix("(kioskd --demo)") }, "\(status.devices)")
            // The demo runs the resident session on simulated devices; with an empty journal it settles at once.
            try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }

            // 张建国, Nantong 2021: the demo's "today" is two weeks into the 2020-11-01…2020-12-20 window.
            let person = try await Self.post(status.backend.url + "/identities/resolve",
                                             ["method": "typed", "id_number": "320602196005120210", "name": "张建国"])
            let personRef = try #require(person["person_ref"] as? String)
            #expect(person["masked_id_number"] as? String == "3206**********0210")
            let enrollment = try await Self.get(status.backend.url + "/persons/\(personRef)/enrollments/2021")
            #expect(enrollment["status"] as? String == "payable")
            let window = try #require(enrollment["window"] as? [String: Any])
            #expect(window["phase"] as? String == "centralized")
            #expect(fixture.logText.contains("sandbox_today=2020-11-15"))
        }
    }

    @Test("while a resident is being served, kioskctl cards read is refused and cards watch reads no card; audited")
    func technicianReadsWaitForTheResident() async throws {
        try await InProcessKiosk.with { fixture in
            let port = fixture.uiPort
            try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
            let watch = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["cards", "watch", "--json", "--socket", fixture.socketPath], workDirectory: fixture.work)
            defer { watch.stop() }
            try await waitUntil("the watch has started") { fixture.auditLines.contains { $0.contains("action=GET /v1/cards/watch") } }

            let inserted = try await ResidentUIServerTests.post(port, "/demo/api/card", #"{"kind":"ssc","resident":0}"#)
            #expect(inserted.status == 200, "\(inserted.body)")
            let screen = try await ResidentScreenSocket(port: port)
            try await screen.wait(for: ["showingEnrollment"])
            let read = try await fixture.kioskctl(["cards", "read", "--socket", fixture.socketPath])
            #expect(read.status != 0 && read.error.contains("[session.resident_being_served]"), "\(read)")
            try await waitUntil("the watcher hears of the card") { watch.standardOutput.contains("resident_being_served") }
            let events = try watch.standardOutput.split(separator: "\n").map { try JSONDecoder().decode(CardWatchEvent.self, from: Data($0.utf8)) }
            #expect(events.contains { $0.kind == .cardInserted } && !events.contains { $0.report != nil }, "\(watch.standardOutput)")
            #expect(fixture.auditLines.contains { $0.contains("action=GET /v1/cards/read") && $0.contains("outcome=409") }, "\(fixture.auditLines)")

            // Between residents the technician reads the card as before.
            try await screen.tap(#"{"action":"cancel"}"#, expecting: ["attract"])
            let idle = try await fixture.kioskctl(["cards", "read", "--json", "--socket", fixture.socketPath])
            #expect(idle.status == 0, "\(idle)")
            #expect(!idle.output.contains("\"birthDate\""), "\(idle.output)")
        }
    }

    @Test("a missing sandbox data file stops kioskd --demo with EX_CONFIG and names the file")
    func missingSandboxData() async throws {
        let fixture = try DaemonFixture(arguments: ["--demo", "--sandbox-residents", "/nonexistent/residents.toml",
                                                    "--sandbox-policies", RepositoryPaths.root + "/Sources/ContributionPolicy/Policies"])
        defer { fixture.stop() }
        #expect(await fixture.daemon.waitForExit(timeout: .seconds(20)) == 78)
        #expect(fixture.daemon.standardOutput.contains("/nonexistent/residents.toml"))
    }

    static func post(_ url: String, _ body: [String: String]) async throws -> [String: Any] {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        return try await send(request)
    }

    static func get(_ url: String) async throws -> [String: Any] {
        try await send(URLRequest(url: try #require(URL(string: url))))
    }

    static func send(_ request: URLRequest) async throws -> [String: Any] {
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status < 300, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TestFixtureError("\(request.url?.path ?? "?") answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return object
    }
}
