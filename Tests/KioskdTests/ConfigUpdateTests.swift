import Foundation
import KioskConfig
import KioskCore
import KioskTesting
import Testing

/// Signed configuration bundles pushed to a real kioskd with kioskctl: what it refuses (leaving
/// kiosk.conf untouched), what it applies and reloads without a restart, its rollback, and its
/// behaviour across a resident's session and a kill in the middle of writing.
@Suite("kioskctl config push: refused, applied, rolled back, deferred, crash-safe")
struct ConfigUpdateTests {
    static let signer = TestBundleSigner()
    static let trusting = ["KIOSK_UPDATES_TRUSTED_KEYS": signer.publicKey]

    /// The fixture's kiosk.conf at `version`, with the session's idle timeout changed (a setting reloaded live).
    static func document(_ fixture: some KioskUnderTest, version: Int, idle: Int = 90, methods: String? = nil) -> String {
        DaemonFixture.configuration(version: version, socketPath: fixture.socketPath) + "\n\n[session]\nidle_timeout_s = \(idle)\n"
            + (methods.map { "\n[payment]\nmethods = \($0)\n" } ?? "")
    }

    static func bundle(_ fixture: some KioskUnderTest, version: Int, kiosks: [String] = ["TEST-0001"], idle: Int = 90) throws -> ConfigBundle {
        try signer.bundle(document(fixture, version: version, idle: idle), version: version, kiosks: kiosks)
    }

    @Test("every bad bundle is refused with its reason and leaves kiosk.conf as it was; a good one applies, then rolls back on request")
    func refusedAppliedRolledBack() async throws {
        let fixture = try DaemonFixture(extraEnvironment: Self.trusting)
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
        let original = try fixture.configFile()

        let good = try Self.bundle(fixture, version: 2)
        let refusals: [(ConfigBundle, String)] = [
            (try TestBundleSigner.tampered(good, replacing: "idle_timeout_s = 90", with: "idle_timeout_s = 600"), "bundle.bad_signature"),
            (try TestBundleSigner().bundle(Self.document(fixture, version: 2), version: 2, kiosks: ["TEST-0001"]), "bundle.unknown_key"),
            (try Self.signer.bundle(Self.document(fixture, version: 2), version: 2, kiosks: ["TEST-0001"], expiresIn: -1), "bundle.expired"),
            (try Self.bundle(fixture, version: 2, kiosks: ["TEST-0002"]), "bundle.wrong_target"),
            (try Self.bundle(fixture, version: 2, idle: 5), "bundle.invalid_configuration"),
            (try Self.signer.bundle(Self.document(fixture, version: 2).replacingOccurrences(of: "listen = \"127.0.0.1:0\"", with: "listen = \"127.0.0.1:1\""),
                                    version: 2, kiosks: ["TEST-0001"]), "bundle.needs_restart"),
        ]
        for (bundle, code) in refusals {
            let result = try await fixture.push(bundle)
            #expect(result.status != 0 && result.error.contains("[\(code)]"), "\(code): \(result)")
            #expect(try fixture.configFile() == original, "\(code) changed kiosk.conf")
        }
        let invalid = try await fixture.push(try Self.bundle(fixture, version: 2, idle: 5))
        #expect(invalid.error.contains("session.idle_timeout_s"), "the problem's key path is named: \(invalid.error)")
        #expect(try await fixture.configStatus().state == .refused)

        let diff = try await fixture.kioskctl(["config", "diff", try fixture.work.write("v2.json", String(decoding: good.encoded(), as: UTF8.self)),
                                               "--socket", fixture.socketPath])
        #expect(diff.status == 1 && diff.output.contains("~ kiosk.config_version: 1 → 2") && diff.output.contains("+ session.idle_timeout_s = 90"), "\(diff)")

        let applied = try await fixture.push(good, wait: true)
        #expect(applied.status == 0 && applied.output.contains("✔ version 2 applied and healthy"), "\(applied)")
        #expect(try fixture.configFile() == Self.document(fixture, version: 2))
        var status = try await fixture.configStatus()
        #expect(status.version == 2 && status.state == .healthy && status.keyID == Self.signer.publicKey, "\(status)")
        #expect(try await fixture.status().configVersion == 2, "reloaded without a restart")
        #expect(fixture.daemon.isRunning)

        for replay in [good, try Self.bundle(fixture, version: 1)] {
            let result = try await fixture.push(replay)
            #expect(result.status != 0 && result.error.contains("[bundle.old_version]"), "\(result)")
        }

        let rollback = try await fixture.kioskctl(["config", "rollback", "--socket", fixture.socketPath])
        #expect(rollback.status == 0, "\(rollback)")
        status = try await fixture.settledConfig()
        // The version gone back to is judged like a new one: once it holds, the kiosk is healthy on it.
        #expect(status.version == 1 && status.state == .healthy && status.detail == "version 2 rolled back to 1: requested with kioskctl config rollback",
                "\(status)")
        #expect(try fixture.configFile() == original)
        let again = try await fixture.push(good)
        #expect(again.error.contains("[bundle.old_version]"), "a version rolled back from is not taken again: \(again)")

        let history = try await fixture.configHistory()
        let refusedCodes = history.filter { $0.event == .refused }.compactMap { $0.detail?.split(separator: "]").first.map { String($0.dropFirst()) } }
        #expect(Set(refusals.map(\.1)).isSubset(of: Set(refusedCodes)), "\(refusedCodes)")
        let events = history.filter { $0.version == 2 && $0.event != .refused }.map(\.event)
        #expect(events == [.accepted, .applied, .healthy], "\(history)")
        #expect(history.last { $0.event == .rolledBack }.map { ($0.version, $0.previousVersion, $0.source) } ?? (nil, nil, .push) == (1, 2, .rollback))
        let text = try await fixture.kioskctl(["config", "history", "--socket", fixture.socketPath])
        #expect(text.output.contains("rolledBack  v1 (was v2) by rollback"), "\(text.output)")
    }

    @Test("a bundle pushed while a resident is served waits for the session to end, then applies")
    func deferredDuringSession() async throws {
        try await InProcessKiosk.with(environment: Self.trusting) { fixture in
            let port = fixture.uiPort
            let original = try fixture.configFile()
            let screen = try await Self.residentBeingServed(fixture)

            let onlyQR = try Self.signer.bundle(Self.document(fixture, version: 2, methods: "[\"qr\"]"), version: 2, kiosks: ["TEST-0001"])
            let pushed = try await fixture.push(onlyQR)
            #expect(pushed.status == 0 && pushed.output.contains("queued: it applies as soon as no resident is being served"), "\(pushed)")
            // The updater waits for the session's word, not for time: none passes while the resident is served.
            let waiting = try await fixture.configStatus()
            #expect(waiting.state == .pending && waiting.pendingVersion == 2 && waiting.version == 1, "\(waiting)")
            #expect(try fixture.configFile() == original, "nothing is written while the resident is served")
            #expect(try await fixture.status().session == "showingEnrollment")

            try await screen.tap(#"{"action":"cancel"}"#, expecting: ["attract"])
            // Applied, then judged healthy once its checks hold for the settle time, on the test clock.
            try await fixture.advance(until: "the configuration settled") { try await fixture.configStatus().isSettled }
            let settled = try await fixture.configStatus()
            #expect(settled.version == 2 && settled.state == .healthy, "\(settled)")
            #expect(try fixture.configFile() == Self.document(fixture, version: 2, methods: "[\"qr\"]"))

            // The next resident's session runs on the new settings, without a restart: the pay code is gone
            // (the demo adds its virtual PIN pad's card to whatever the file lists).
            let again = try await ResidentUIServerTests.post(port, "/demo/api/card", #"{"kind":"ssc","resident":0}"#)
            #expect(again.status == 200, "\(again.body)")
            try await screen.wait(for: ["showingEnrollment"])
            try await screen.tap(#"{"action":"confirmPayment"}"#, expecting: ["choosingMethod"])
            #expect(screen.shown["methods"] as? [String] == ["qr", "card"], "\(screen.shown)")
        }
    }

    /// Seen as a kioskd that spun at 74 % CPU for an hour after SIGTERM: the session had stopped, so a
    /// queued bundle's "wait between residents" returned at once, for ever, and the stop never ended.
    @Test("kioskd stopped while a pushed bundle waits for the resident: it exits 0 at once and kiosk.conf stays as it was")
    func stopWhileDeferred() async throws {
        let fixture = try DaemonFixture(extraEnvironment: Self.trusting, arguments: DemoModeTests.sandboxArguments)
        defer { fixture.stop() }
        let (_, original, _) = try await Self.residentBeingServed(fixture)
        let pushed = try await fixture.push(try Self.signer.bundle(Self.document(fixture, version: 2, methods: "[\"qr\"]"), version: 2, kiosks: ["TEST-0001"]))
        #expect(pushed.status == 0 && pushed.output.contains("queued"), "\(pushed)")

        fixture.daemon.signal(SIGTERM)
        let status = await fixture.daemon.waitForExit(timeout: .seconds(60))
        #expect(status == 0, "kioskd \(status.map { "exited \($0)" } ?? "did not stop within 60 s") after SIGTERM:\n\(fixture.daemon.standardOutput.suffix(2000))")
        #expect(try fixture.configFile() == original, "a bundle still waiting is not written while kioskd stops")
    }

    /// The in-process demo kiosk with a resident's enrollment on the screen.
    static func residentBeingServed(_ fixture: InProcessKiosk) async throws -> ResidentScreenSocket {
        try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
        let inserted = try await ResidentUIServerTests.post(fixture.uiPort, "/demo/api/card", #"{"kind":"ssc","resident":0}"#)
        #expect(inserted.status == 200, "\(inserted.body)")
        let screen = try await ResidentScreenSocket(port: fixture.uiPort)
        try await screen.wait(for: ["showingEnrollment"])
        return screen
    }

    /// A demo kioskd with a resident's enrollment on the screen: its UI port, kiosk.conf as it was, and the screen.
    static func residentBeingServed(_ fixture: DaemonFixture) async throws -> (port: Int, original: String, screen: ResidentScreenSocket) {
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
        let port = try fixture.uiPort()
        let original = try fixture.configFile()
        try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
        let inserted = try await ResidentUIServerTests.post(port, "/demo/api/card", #"{"kind":"ssc","resident":0}"#)
        #expect(inserted.status == 200, "\(inserted.body)")
        let screen = try await ResidentScreenSocket(port: port)
        try await screen.wait(for: ["showingEnrollment"])
        return (port, original, screen)
    }

    @Test("kioskd killed after writing the new kiosk.conf beside the old and before the rename: the old one is intact and loads")
    func killedBeforeRename() async throws {
        let fixture = try DaemonFixture(extraEnvironment: Self.trusting.merging(["KIOSKD_FAILPOINT": "config-before-rename"]) { $1 })
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
        let original = try fixture.configFile()
        let bundle = try Self.bundle(fixture, version: 2)
        #expect(try await fixture.push(bundle).status == 0)
        try await waitUntil("kioskd holds at the failpoint", timeout: .seconds(20), poll: .milliseconds(50)) {
            fixture.daemon.standardOutput.contains("failpoint reached")
        }
        let temporary = fixture.work.file(".kiosk.conf.tmp-\(fixture.daemon.pid)")
        #expect(try String(contentsOfFile: temporary, encoding: .utf8) == Self.document(fixture, version: 2), "the new file was complete")
        fixture.daemon.signal(SIGKILL)
        #expect(await fixture.daemon.waitForExit(timeout: .seconds(10)) != nil)

        #expect(try fixture.configFile() == original)
        let check = try await ChildProcess.run(RepositoryPaths.binary("kioskd"), ["--check-config", fixture.configPath], workDirectory: fixture.work)
        #expect(check.status == 0, "\(check)")

        let restarted = try fixture.startAgain(environment: Self.trusting)
        defer { restarted.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(restarted.standardOutput)")
        let status = try await fixture.configStatus()
        #expect(status.version == 1 && status.state == .healthy, "\(status)")
        #expect(!FileManager.default.fileExists(atPath: temporary), "the half-done file is cleaned up")
        let interrupted = try await fixture.configHistory().last
        #expect(interrupted?.event == .interrupted && interrupted?.version == 1, "\(String(describing: interrupted))")
        #expect(restarted.standardOutput.contains("an update was interrupted before kiosk.conf was replaced"))

        let applied = try await fixture.push(bundle, wait: true)
        #expect(applied.status == 0, "the bundle never applied, so it is still taken: \(applied)")
        #expect(try fixture.configFile() == Self.document(fixture, version: 2))
    }
}
