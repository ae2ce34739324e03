import Foundation
import KioskCore
import KioskTesting
import Testing

/// Configuration against real components: a printer that does not exist (ippeveprinter beside it
/// for the working one) makes the health checks fail and kioskd roll back by itself; and the fleet
/// path through the `kiosk-backend` process, signed with kioskctl, pulled with its ETag, reported back.
@Suite("configuration updates against a real printer and backend: automatic rollback, fleet pull and report")
struct FleetConfigTests {
    static let signer = ConfigUpdateTests.signer

    /// The fixture's kiosk.conf with a real printer and backend written in the file (not the
    /// environment, which would override the bundle's values too).
    static func document(version: Int, socketPath: String, printer: String, backend: String, extra: String = "") -> String {
        DaemonFixture.configuration(version: version, socketPath: socketPath)
            .replacingOccurrences(of: "printer = \"ipp://127.0.0.1:9/ipp/print\"", with: "printer = \"\(printer)\"")
            .replacingOccurrences(of: "url = \"http://127.0.0.1:9/kiosk/v1\"", with: "url = \"\(backend)\"")
            + "\nhealth_timeout_s = 5\n" + extra
    }

    /// kioskd in production on ippeveprinter and the kiosk-backend process, version 1 running, the printer online.
    static func withWorkingPrinter(_ body: @Sendable (IPPPrinterStack, SandboxProcess, DaemonFixture) async throws -> Void) async throws {
        try await IPPPrinterStack.running { printer in
            let work = try TemporaryDirectory(prefix: "config-printer")
            defer { work.remove() }
            let backend = try await SandboxProcess(directory: work)
            defer { backend.process.signal(SIGKILL) }
            let fixture = try DaemonFixture(extraEnvironment: ConfigUpdateTests.trusting) { socket in
                Self.document(version: 1, socketPath: socket, printer: printer.uri, backend: backend.url)
            }
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
            try await waitUntil("the printer is online", timeout: .seconds(20), poll: .milliseconds(200)) {
                try await fixture.status().devices.first { $0.role == .printer }?.state == .online
            }
            try await body(printer, backend, fixture)
        }
    }

    @Test("a configuration naming a printer that does not exist is applied, fails its health checks and is rolled back by itself")
    func missingPrinterRolledBack() async throws {
        try await Self.withWorkingPrinter { printer, backend, fixture in
            let original = try fixture.configFile()
            let closed = try ClosedPort()
            defer { closed.release() }

            let missing = "ipp://127.0.0.1:\(closed.port)/ipp/print"
            let broken = Self.document(version: 2, socketPath: fixture.socketPath, printer: missing, backend: backend.url)
            let result = try await fixture.push(try Self.signer.bundle(broken, version: 2, kiosks: ["TEST-0001"]), wait: true)
            #expect(result.status == 1, "\(result)")
            #expect(result.output.contains("✘ rolled back — version 2 rolled back to 1: printer:"), "\(result.output)")

            let status = try await fixture.configStatus()
            #expect(status.version == 1 && status.state == .rolledBack && status.highestVersion == 2, "\(status)")
            #expect(try fixture.configFile() == original, "the previous kiosk.conf is back on disk")
            let events = try await fixture.configHistory().map { "\($0.event.rawValue) v\($0.version ?? 0)" }
            #expect(events.suffix(3) == ["accepted v2", "applied v2", "rolledBack v1"], "\(events)")
            #expect(try await fixture.status().devices.first { $0.role == .printer }?.selector == printer.uri)
            let diag = try await fixture.kioskctl(["diag", "--socket", fixture.socketPath])
            #expect(diag.output.contains("! configuration") && diag.output.contains("rolled back to 1"), "\(diag.output)")
            // The restored driver prints again.
            let page = try await fixture.kioskctl(["selftest", "printer", "--socket", fixture.socketPath])
            #expect(page.status == 0, "\(page)")
        }
    }

    @Test("a requested rollback goes below the running version, never to one rolled back from, and the health checks judge it")
    func rollbackTarget() async throws {
        try await Self.withWorkingPrinter { first, backend, fixture in
            let second = try await IPPPrinterStack.start(name: "Second Test Printer")
            defer { Task { await second.stop() } }
            let closed = try ClosedPort()
            defer { closed.release() }
            let v2 = Self.document(version: 2, socketPath: fixture.socketPath, printer: second.uri, backend: backend.url)
            let healthy = try await fixture.push(try Self.signer.bundle(v2, version: 2, kiosks: ["TEST-0001"]), wait: true)
            #expect(healthy.status == 0 && healthy.output.contains("applied and healthy"), "\(healthy)")
            let v3 = Self.document(version: 3, socketPath: fixture.socketPath, printer: "ipp://127.0.0.1:\(closed.port)/ipp/print", backend: backend.url)
            let broken = try await fixture.push(try Self.signer.bundle(v3, version: 3, kiosks: ["TEST-0001"]), wait: true)
            #expect(broken.output.contains("version 3 rolled back to 2"), "\(broken)")

            // v2 runs again, made by the rollback from v3: going back from v2 means v1, never v3.
            // v1's printer is gone meanwhile, so v1 fails its health checks and v2 comes back.
            await first.stop()
            let rollback = try await fixture.kioskctl(["config", "rollback", "--socket", fixture.socketPath])
            #expect(rollback.status == 0, "\(rollback)")
            try await waitUntil("the rollback to v1 is judged", timeout: .seconds(90), poll: .milliseconds(200)) {
                try await fixture.configHistory().contains { $0.event == .rolledBack && $0.version == 2 && $0.previousVersion == 1 }
            }
            let status = try await fixture.settledConfig()
            #expect(status.version == 2 && status.state == .rolledBack && status.detail?.contains("the version rolled back to fails: printer:") == true, "\(status)")
            #expect(try fixture.configFile() == v2)
            let events = try await fixture.configHistory().map { "\($0.event.rawValue) v\($0.version ?? 0) was v\($0.previousVersion ?? 0)" }
            #expect(events.suffix(2) == ["rolledBack v1 was v2", "rolledBack v2 was v1"], "\(events)")

            let nothing = try await fixture.kioskctl(["config", "rollback", "--socket", fixture.socketPath])
            #expect(nothing.status != 0 && nothing.error.contains("[config.no_previous]") && nothing.error.contains("never taken again: 1"), "\(nothing)")
        }
    }

    @Test("kioskd killed while a new configuration's health checks run: restarted, it finishes them and rolls back by itself")
    func killedWhileVerifying() async throws {
        try await Self.withWorkingPrinter { _, backend, fixture in
            let original = try fixture.configFile()
            let closed = try ClosedPort()
            defer { closed.release() }
            let broken = Self.document(version: 2, socketPath: fixture.socketPath, printer: "ipp://127.0.0.1:\(closed.port)/ipp/print", backend: backend.url)
                .replacingOccurrences(of: "health_timeout_s = 5", with: "health_timeout_s = 600")
            #expect(try await fixture.push(try Self.signer.bundle(broken, version: 2, kiosks: ["TEST-0001"])).status == 0)
            try await waitUntil("version 2 is being checked", timeout: .seconds(20), poll: .milliseconds(100)) {
                let status = try await fixture.configStatus()
                return status.version == 2 && status.state == .verifying
            }
            fixture.daemon.signal(SIGKILL)
            #expect(await fixture.daemon.waitForExit(timeout: .seconds(10)) != nil)

            // Restarted on version 2 with a short window, so the test does not wait the bundle's 600 s.
            let restarted = try fixture.startAgain(environment: ConfigUpdateTests.trusting.merging(["KIOSK_UPDATES_HEALTH_TIMEOUT_S": "5"]) { $1 })
            defer { restarted.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(restarted.standardOutput)")
            let status = try await fixture.settledConfig()
            #expect(status.version == 1 && status.state == .rolledBack, "\(status)")
            #expect(status.detail?.contains("after a restart: printer:") == true, "\(status)")
            #expect(try fixture.configFile() == original)
            #expect(restarted.standardOutput.contains("kioskd stopped before its health checks ended"))
        }
    }

    @Test("an operator signs with kioskctl and publishes on the backend; the kiosk pulls it (then 304), applies it and reports it")
    func fleetPull() async throws {
        let work = try TemporaryDirectory(prefix: "config-fleet")
        defer { work.remove() }
        let backend = try await SandboxProcess(directory: work)
        defer { backend.process.signal(SIGKILL) }
        let fixture = try DaemonFixture(extraEnvironment: ConfigUpdateTests.trusting) { socket in
            Self.document(version: 1, socketPath: socket, printer: "ipp://127.0.0.1:9/ipp/print", backend: backend.url)
        }
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
        // The poller asks at start; READY does not wait for its answer.
        try await waitUntil("the first poll is answered", timeout: .seconds(20), poll: .milliseconds(100)) {
            try await fixture.configStatus().desired.checkedAt != nil
        }
        let before = try await fixture.configStatus()
        #expect(before.desired.version == nil && before.desired.problem?.contains("none published") == true, "\(before)")

        let key = try work.write("operator.key", Self.signer.keyFileText)
        let source = try work.write("kiosk-v2.conf", Self.document(version: 2, socketPath: fixture.socketPath, printer: "ipp://127.0.0.1:9/ipp/print",
                                                                   backend: backend.url, extra: "\n[session]\nidle_timeout_s = 120\n"))
        let bundle = work.file("v2.bundle.json")
        let signed = try await fixture.kioskctl(["config", "sign", source, "--key", key, "--region", "320600", "--expires-in", "2h", "--output", bundle])
        #expect(signed.status == 0 && signed.error.contains("signed version 2 for regions 320600"), "\(signed)")
        let published = try await fixture.kioskctl(["config", "push", bundle, "--backend", backend.url])
        #expect(published.status == 0 && published.output.contains("published on"), "\(published)")

        let pulled = try await fixture.kioskctl(["config", "pull", "--socket", fixture.socketPath])
        #expect(pulled.status == 0, "\(pulled)")
        let applied = try await fixture.settledConfig()
        #expect(applied.version == 2 && applied.state == .healthy && applied.desired.version == 2, "\(applied)")
        let etag = try #require(applied.desired.etag)
        let entries = try await fixture.configHistory().count

        #expect(try await fixture.kioskctl(["config", "pull", "--socket", fixture.socketPath]).status == 0)
        let unchanged = try await fixture.configStatus()
        #expect(unchanged.desired.etag == etag && unchanged.version == 2)
        #expect(try await fixture.configHistory().count == entries, "a 304 changes nothing")

        let twin = try await fixture.kioskctl(["config", "twin", "TEST-0001", "--backend", backend.url, "--region", "320600"])
        let view = try JSONSerialization.jsonObject(with: Data(twin.output.utf8)) as? [String: Any]
        let desired = view?["desired"] as? [String: Any]
        let reported = view?["reported"] as? [String: Any]
        #expect(desired?["version"] as? Int == 2 && desired?["etag"] as? String == etag, "\(twin.output)")
        #expect(reported?["config_version"] as? Int == 2 && reported?["desired_config_version"] as? Int == 2, "\(twin.output)")
        #expect(reported?["config_status"] as? String == "healthy", "\(twin.output)")
        #expect((reported?["devices"] as? [[String: Any]])?.contains { $0["role"] as? String == "printer" } == true, "\(twin.output)")
    }
}
