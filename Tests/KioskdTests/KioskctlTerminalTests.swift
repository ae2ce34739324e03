import Foundation
import KioskAPI
import KioskCore
import KioskTesting
import Testing

/// `kioskctl terminal` through kioskd --demo and its virtual PIN pad (over HTTPS, nexo messages).
@Suite("kioskctl terminal through kioskd and the virtual PIN pad")
struct KioskctlTerminalTests {
    static func report(_ fixture: DaemonFixture, _ arguments: [String]) async throws -> ((status: Int32, output: String, error: String), TerminalReport?) {
        let result = try await fixture.kioskctl(["terminal"] + arguments + ["--json", "--socket", fixture.socketPath])
        return (result, try? JSONDecoder.iso8601.decode(TerminalReport.self, from: Data(result.output.utf8)))
    }

    @Test("status shows the pad logged in and answering; settle closes the day; last says there is no card payment yet; diag checks the terminal")
    func demoTerminal() async throws {
        let fixture = try DaemonFixture(arguments: DemoModeTests.sandboxArguments)
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")

        // The watch logs in and checks as it starts: login waits for that first exchange.
        let (login, loggedIn) = try await Self.report(fixture, ["login"])
        #expect(login.status == 0, "kioskctl: \(login.error)")
        #expect(loggedIn?.reachable == true)
        #expect(loggedIn?.loggedInAt != nil)
        #expect(loggedIn?.poiID == "KIOSKSIM-0001")

        let (status, report) = try await Self.report(fixture, ["status"])
        #expect(status.status == 0)
        #expect(report?.status == "OK")

        let (settle, settled) = try await Self.report(fixture, ["settle"])
        #expect(settle.status == 0, "kioskctl: \(settle.error)")
        #expect(settled?.lastSettlement?.transactionCount == 0)
        #expect(settled?.lastSettlement?.totalFen == 0)

        let last = try await fixture.kioskctl(["terminal", "last", "--socket", fixture.socketPath])
        #expect(last.output.contains("no card payment in the journal"), "\(last.output)")

        let text = try await fixture.kioskctl(["terminal", "status", "--socket", fixture.socketPath])
        #expect(text.output.contains("terminal    KIOSKSIM-0001 at simulated"), "\(text.output)")
        #expect(text.output.contains("settlement  "), "\(text.output)")

        let diag = try await fixture.kioskctl(["diag", "--json", "--socket", fixture.socketPath])
        let checks = try JSONDecoder().decode(DiagnosticReport.self, from: Data(diag.output.utf8)).checks
        #expect(checks.first { $0.id == "terminal" }?.passed == true, "\(checks.map(\.id))")
        #expect(checks.first { $0.id == "terminal.settlement" }?.passed == true)
    }

    @Test("a kiosk without [terminal]: the command says so and exits non-zero")
    func noTerminal() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
        let result = try await fixture.kioskctl(["terminal", "status", "--socket", fixture.socketPath])
        #expect(result.status != 0)
        #expect((result.output + result.error).contains("no payment terminal"), "\(result.output)\(result.error)")
    }
}
