import Foundation
import KioskCore
import KioskDevices
import KioskTesting
import Testing

/// `kiosk-sim terminal` as a process: what a technician or a test stack points a kioskd at. The
/// kiosk's own driver pays at it with the files and settings it prints.
@Suite("kiosk-sim terminal: the virtual PIN pad as a process")
struct KioskSimTerminalTests {
    @Test("it writes its root and passphrase, prints the [terminal] section, and takes a payment from the nexo driver (--auto pays)")
    func paysWithAuto() async throws {
        let simulator = try RepositoryPaths.requiredBinary("kiosk-sim")
        let work = try TemporaryDirectory(prefix: "kiosk-sim-terminal")
        defer { work.remove() }
        let process = try ChildProcess(simulator, ["terminal", "--listen", "127.0.0.1:0", "--out", work.path, "--auto", "unionPayDebit"], workDirectory: work)
        defer { process.stop() }
        var port: Int?
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while port == nil, ContinuousClock.now < deadline {
            if let line = process.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("address = \"127.0.0.1:") }) {
                port = Int(line.split(separator: ":").last?.dropLast() ?? "")
            }
            if port == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let state = process.isRunning ? "running" : "exited with \(await process.waitForExit(timeout: .seconds(1)) ?? -1)"
        let bound = try #require(port, "kiosk-sim terminal printed no address (\(state)): \(process.standardOutput)\(process.standardError)")
        #expect(process.standardOutput.contains("[terminal]"))
        #expect(process.standardOutput.contains("passphrase_file = \"\(work.path)/terminal.passphrase\""))
        let attributes = try FileManager.default.attributesOfItem(atPath: work.path + "/terminal.passphrase")
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the passphrase is readable by its owner only")

        let passphrase = try String(contentsOfFile: work.path + "/terminal.passphrase", encoding: .utf8).trimmingCharacters(in: .newlines)
        let security = try NexoMessageSecurity(keyIdentifier: "kioskd-demo", keyVersion: 1, passphrase: passphrase)
        let settings = NexoTerminalSettings(address: "127.0.0.1:\(bound)", certificateName: "KIOSKSIM-0001.demo.terminal.kioskd",
                                            trustRoot: .file(work.path + "/terminal-root.pem"), poiID: "KIOSKSIM-0001", saleID: "KIOSK0001", security: security)
        let transport = try HTTPSNexoTransport(settings: settings)
        let terminal = NexoTerminal(settings: settings, transport: transport, softwareVersion: "test")
        let outcome = try await terminal.pay(NexoTerminalStack.request(.yuan(430)))
        await transport.shutdown()
        guard case .approved(let approval) = outcome else { Issue.record("not approved: \(outcome)"); return }
        #expect(approval.amount == .yuan(430))
        #expect(approval.maskedPAN.hasPrefix("****"))
    }
}
