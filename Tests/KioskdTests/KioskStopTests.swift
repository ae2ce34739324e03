import Foundation
import KioskTesting
import Testing

/// SIGTERM's graceful shutdown, in-process: nothing a screen or a technician holds open keeps
/// kioskd from stopping (a spawned kioskd's fixture ends it with SIGKILL, which hid this).
@Suite("kioskd stops when asked, whoever is connected")
struct KioskStopTests {
    @Test("with the resident screen's WebSocket open, the kiosk stops cleanly")
    func screenConnected() async throws {
        let fixture = try await InProcessKiosk()
        let screen = try await ResidentScreenSocket(port: fixture.uiPort)
        try await screen.wait(for: ["attract"])
        let outcome = await fixture.stop()
        #expect(outcome == nil, "\(String(describing: outcome))\n\(fixture.logText.suffix(2000))")
    }

    @Test("while kioskctl cards watch streams and no card comes, the kiosk stops cleanly and the watch ends")
    func technicianWatching() async throws {
        let fixture = try await InProcessKiosk()
        let watch = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["cards", "watch", "--json", "--socket", fixture.socketPath], workDirectory: fixture.work)
        defer { watch.stop() }
        try await waitUntil("the watch has started") { fixture.auditLines.contains { $0.contains("action=GET /v1/cards/watch") } }
        let outcome = await fixture.stop()
        #expect(outcome == nil, "\(String(describing: outcome))\n\(fixture.logText.suffix(2000))")
        #expect(await watch.waitForExit(timeout: .seconds(30)) != nil, "the watch still runs after kioskd stopped")
    }
}
