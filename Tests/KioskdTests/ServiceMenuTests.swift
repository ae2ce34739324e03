import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskTesting
import Testing

/// The technician's tools on the resident screen, driven over its WebSocket as the page does:
/// the PIN (kioskctl pin hash, kiosk.conf, lockout, audit), the service menu, and selftest screen.
@Suite("the on-screen service menu and kioskctl selftest screen")
struct ServiceMenuTests {
    static let pin = "864209"
    /// `pbkdf2-sha256` of `pin`, made once with kioskctl pin hash.
    static let pinHash = "pbkdf2-sha256$210000$CgsHXUeQ8nbkcn3k0/10EA==$sOM545HAP9/GyxIL6qHblhBE8H6xHyvdSnBabVk6SEk="

    static func demo(withPIN: Bool = true) throws -> DaemonFixture {
        try DaemonFixture(extraEnvironment: withPIN ? try credential(pinHash) : [:], arguments: DemoModeTests.sandboxArguments)
    }

    static func attract(port: Int) async throws -> ResidentScreenSocket {
        let screen = try await ResidentScreenSocket(port: port)
        try await screen.wait(for: ["attract"])
        return screen
    }

    /// `$CREDENTIALS_DIRECTORY` holding `technician-pin`, as systemd's LoadCredential= hands it to kioskd.
    static func credential(_ text: String) throws -> [String: String] {
        let directory = try TemporaryDirectory(prefix: "credentials")
        _ = try directory.write(TechnicianPINHash.credentialName, text + "\n")
        return ["CREDENTIALS_DIRECTORY": directory.path]
    }

    static func attract(_ fixture: DaemonFixture) async throws -> ResidentScreenSocket {
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd said:\n\(fixture.daemon.standardOutput)")
        try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
        let screen = try await ResidentScreenSocket(port: try fixture.uiPort())
        try await screen.wait(for: ["attract"])
        return screen
    }

    static func attract(_ fixture: InProcessKiosk) async throws -> ResidentScreenSocket {
        try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
        return try await attract(port: fixture.uiPort)
    }

    /// The demo kiosk in this process, with the technician PIN's credential or without one.
    static func inProcess(withPIN: Bool = true, _ body: (InProcessKiosk) async throws -> Void) async throws {
        try await InProcessKiosk.with(environment: withPIN ? try credential(pinHash) : [:], body)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("kioskctl pin hash --stdin prints the hash kioskd takes as its credential; a malformed one stops kioskd naming the file; kiosk.conf holds none")
    func pinHashAsCredential() async throws {
        let work = try TemporaryDirectory(prefix: "pin")
        defer { work.remove() }
        let made = try await ChildProcess.run("/bin/sh", ["-c", "printf '%s\\n' \(Self.pin) | '\(RepositoryPaths.binary("kioskctl"))' pin hash --stdin"],
                                              workDirectory: work)
        #expect(made.status == 0, "\(made.error)")
        let hash = made.output.trimmingCharacters(in: .newlines)
        #expect(hash.hasPrefix("pbkdf2-sha256$210000$") && !hash.contains(Self.pin), "\(hash)")
        #expect(TechnicianPINHash(encoded: hash)?.matches(Self.pin) == true)

        let malformed = try DaemonFixture(extraEnvironment: try Self.credential("pbkdf2-sha256$10$abc$def"))
        defer { malformed.stop() }
        #expect(await malformed.daemon.waitForExit(timeout: .seconds(30)) == 78)
        #expect(malformed.daemon.standardOutput.contains("/etc/kioskd/technician-pin (credential technician-pin): not a PIN hash"),
                "\(malformed.daemon.standardOutput)")

        // The hash no longer lives in kiosk.conf, so neither bundles nor kept versions carry it.
        let base = DaemonFixture.configuration(version: 1, socketPath: work.file("admin.sock"))
        let inConf = try work.write("pin.conf", base + "\n\n[maintenance]\ntechnician_pin = \"\(hash)\"\n")
        let refused = try await ChildProcess.run(RepositoryPaths.binary("kioskd"), ["--check-config", inConf], workDirectory: work)
        #expect(refused.status != 0)
        #expect((refused.output + refused.error).contains("maintenance.technician_pin") && (refused.output + refused.error).contains("/etc/kioskd/technician-pin"),
                "\(refused.output)\(refused.error)")

        let short = try await ChildProcess.run("/bin/sh", ["-c", "echo 12345 | '\(RepositoryPaths.binary("kioskctl"))' pin hash --stdin"], workDirectory: work)
        #expect(short.status != 0 && short.output.isEmpty, "a 5-digit PIN is refused: \(short)")
    }

    @Test("5 wrong PINs lock the menu (the right PIN is refused then too); each attempt is audited, never the PIN")
    func wrongPINsLockOut() async throws {
        let fixture = try Self.demo()
        defer { fixture.stop() }
        let screen = try await Self.attract(fixture)
        try await screen.sendMessage(#"{"type":"serviceOpen"}"#)
        _ = try await screen.message(ofType: "servicePINPad")
        let wrong = "907153"
        for remaining in [4, 3, 2, 1] {
            try await screen.sendMessage(#"{"type":"servicePIN","pin":"\#(wrong)"}"#)
            let refused = try Self.object(try await screen.message(ofType: "serviceRefused"))
            #expect(refused["message"] as? String == "PIN 不正确，还可尝试 \(remaining) 次")
        }
        try await screen.sendMessage(#"{"type":"servicePIN","pin":"\#(wrong)"}"#)
        #expect(try Self.object(try await screen.message(ofType: "serviceRefused"))["message"] as? String == "已锁定，请 15 分钟后再试")
        try await screen.sendMessage(#"{"type":"servicePIN","pin":"\#(Self.pin)"}"#)
        #expect(try Self.object(try await screen.message(ofType: "serviceRefused"))["message"] as? String == "已锁定，请 15 分钟后再试")
        // Nor can a menu action be sent without the menu having been opened.
        try await screen.sendMessage(#"{"type":"serviceAction","action":"maintenanceOn"}"#)
        _ = try await screen.message(ofType: "serviceClosed")
        #expect(try await fixture.status().maintenance?.state == .off)

        let lines = fixture.auditLines.filter { $0.contains("action=service menu PIN") }
        #expect(lines.count == 6, "\(fixture.auditLines)")
        #expect(lines.filter { $0.contains("outcome=refused") }.count == 4)
        #expect(lines.filter { $0.contains("outcome=locked") }.count == 2)
        let log = fixture.daemon.standardOutput
        #expect(!log.contains(wrong) && !log.contains(Self.pin), "a PIN reached the log")

        // A power cut gives no new attempts: the lockout is on disk.
        fixture.daemon.stop()
        let credential = try Self.credential(Self.pinHash)
        let restarted = try fixture.startAgain(environment: credential, arguments: DemoModeTests.sandboxArguments)
        defer { restarted.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd said:\n\(restarted.standardOutput)")
        try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
        let again = try await Self.attract(port: try TestKioskConf.uiPort(inLog: restarted.standardOutput))
        try await again.sendMessage(#"{"type":"serviceOpen"}"#)
        _ = try await again.message(ofType: "servicePINPad")
        try await again.sendMessage(#"{"type":"servicePIN","pin":"\#(Self.pin)"}"#)
        #expect(try Self.object(try await again.message(ofType: "serviceRefused"))["message"] as? String == "已锁定，请 15 分钟后再试")

        // A technician at the admin socket lifts it (audited); then the right PIN opens the menu.
        let unlock = try await fixture.kioskctl(["pin", "unlock", "--socket", fixture.socketPath])
        #expect(unlock.status == 0 && unlock.output.contains("was locked"), "\(unlock)")
        try await waitUntil("the unlock is audited") {
            restarted.standardOutput.split(separator: "\n").contains { $0.contains("kioskd.audit") && $0.contains("action=POST /v1/service-menu/unlock") && $0.contains("outcome=200") }
        }
        try await again.sendMessage(#"{"type":"servicePIN","pin":"\#(Self.pin)"}"#)
        _ = try await again.message(ofType: "serviceMenu")
    }

    @Test("the right PIN opens the menu with diag's checks; maintenance switched from the menu shows in kioskctl status")
    func menuAndMaintenance() async throws {
        try await Self.inProcess { fixture in
            let screen = try await Self.attract(fixture)
            try await screen.sendMessage(#"{"type":"servicePIN","pin":"\#(Self.pin)"}"#)
            let menu = try Self.object(try await screen.message(ofType: "serviceMenu"))
            let report = try #require(menu["report"] as? [String: Any])
            let ids = try #require(report["checks"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            let diag = try await fixture.kioskctl(["diag", "--json", "--socket", fixture.socketPath])
            let diagReport = try JSONDecoder().decode(DiagnosticReport.self, from: Data(diag.output.utf8))
            #expect(!ids.isEmpty && ids == diagReport.checks.map(\.id))
            #expect(report["kioskID"] as? String == "TEST-0001")
            #expect((menu["maintenance"] as? [String: Any])?["state"] as? String == "off")
            #expect(fixture.auditLines.contains { $0.contains("action=service menu PIN") && $0.contains("outcome=accepted") })

            try await screen.sendMessage(#"{"type":"serviceAction","action":"maintenanceOn"}"#)
            let on = try Self.object(try await screen.message(ofType: "serviceMenu"))
            #expect((on["maintenance"] as? [String: Any])?["state"] as? String == "active")
            let status = try await fixture.kioskctl(["status", "--socket", fixture.socketPath])
            #expect(status.output.contains("maintenance ON") && status.output.contains("屏幕维护菜单"), "\(status.output)")
            #expect(try await fixture.status().session == "maintenance")

            try await screen.sendMessage(#"{"type":"serviceAction","action":"maintenanceOff"}"#)
            let off = try Self.object(try await screen.message(ofType: "serviceMenu"))
            #expect((off["maintenance"] as? [String: Any])?["state"] as? String == "off")
            try await screen.sendMessage(#"{"type":"serviceAction","action":"close"}"#)
            _ = try await screen.message(ofType: "serviceClosed")
            try await screen.sendMessage(#"{"type":"serviceAction","action":"maintenanceOn"}"#)
            _ = try await screen.message(ofType: "serviceClosed")
            #expect(try await fixture.status().maintenance?.state == .off, "a closed menu changes nothing")
        }
    }

    @Test("without a technician PIN the gesture does nothing and no PIN is taken")
    func disabledWithoutPIN() async throws {
        try await Self.inProcess(withPIN: false) { fixture in
            let screen = try await Self.attract(fixture)
            try await screen.sendMessage(#"{"type":"serviceOpen"}"#)
            try await screen.sendMessage(#"{"type":"servicePIN","pin":"\#(Self.pin)"}"#)
            try await screen.sendMessage(#"{"type":"serviceAction","action":"recheck"}"#)
            // The only answer is to the action: the menu is closed; no PIN pad, no refusal came before it.
            _ = try await screen.message(ofType: "serviceClosed")
            #expect(!screen.seen.contains { $0.hasPrefix("(service") }, "\(screen.seen)")
            #expect(!fixture.auditLines.contains { $0.contains("service menu PIN") })
        }
    }

    @Test("selftest screen: the page's measured size comes back to kioskctl")
    func screenAnswers() async throws {
        try await Self.inProcess(withPIN: false) { fixture in
            let screen = try await Self.attract(fixture)
            async let run = fixture.kioskctl(["selftest", "screen", "--seconds", "5", "--socket", fixture.socketPath])
            let overlay = try Self.object(try await screen.message(ofType: "overlay"))
            let shown = try #require(overlay["overlay"] as? [String: Any])
            #expect(shown["kind"] as? String == "testPattern" && shown["kioskID"] as? String == "TEST-0001")
            let until = try #require(shown["until"] as? Double)
            #expect(abs(until / 1000 - Date().timeIntervalSince1970 - 5) < 2)
            try await screen.sendMessage(#"{"type":"overlayShown","width":1080,"height":1920,"ratio":1}"#)
            let result = try await run
            #expect(result.status == 0, "\(result)")
            #expect(result.output.contains("✔ the screen answered: 1080×1920 at 1.0"), "\(result.output)")
        }
    }

    @Test("selftest screen with no page connected fails with the fix, exit 1")
    func noPage() async throws {
        let fixture = try Self.demo(withPIN: false)
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd said:\n\(fixture.daemon.standardOutput)")
        let result = try await fixture.kioskctl(["selftest", "screen", "--seconds", "2", "--socket", fixture.socketPath])
        #expect(result.status == 1)
        #expect(result.output.contains("✘ no screen answered within 2 s"), "\(result.output)")
        #expect(result.output.contains("systemctl status kiosk-browser"))
    }

    @Test("selftest screen is refused (409) while a resident is being served")
    func refusedDuringSession() async throws {
        try await Self.inProcess(withPIN: false) { fixture in
            let screen = try await Self.attract(fixture)
            let inserted = try await ResidentUIServerTests.post(fixture.uiPort, "/demo/api/card", #"{"kind":"ssc","resident":0}"#)
            #expect(inserted.status == 200, "\(inserted.body)")
            try await waitUntil("a resident is being served", timeout: .seconds(15), poll: .milliseconds(100)) {
                try await !["attract", "readingCard"].contains(fixture.status().session)
            }
            let result = try await fixture.kioskctl(["selftest", "screen", "--seconds", "2", "--socket", fixture.socketPath])
            #expect(result.status == 1)
            #expect(result.output.contains("✘ a resident is being served"), "\(result.output)")
            try await waitUntil("the refusal is audited as 409") {
                fixture.auditLines.contains { $0.contains("action=POST /v1/selftest/screen") && $0.contains("outcome=409") }
            }
            _ = screen
        }
    }
}
