import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskSimulators
import KioskTesting
import Testing

/// `kioskctl diag` against real components: each failure is made by the component itself (pcscd
/// stopped, paper taken out of ippeveprinter, the backend process stopped, the journal file damaged,
/// the umockdev scanner unplugged) and diag must name it with its fix.
@Suite("kioskctl diag: real failures, each reported with its fix", .serialized)
struct KioskctlDiagTests {
    @Test("readers, printer, backend and journal pass; then paper out, backend stopped, journal damaged and pcscd stopped each fail with their fix")
    func realFailures() async throws {
        try await PCSCStack.exclusively {
            try await IPPPrinterStack.running { printer in
                let work = try TemporaryDirectory(prefix: "diag")
                defer { work.remove() }
                let backend = try await SandboxProcess(directory: work)
                let fixture = try DaemonFixture(extraEnvironment: KioskctlCardsTests.readers.merging([
                    "KIOSK_DEVICES_PRINTER": printer.uri, "KIOSK_DEVICES_PRINTER_MODEL": "thermal-80mm", "KIOSK_BACKEND_URL": backend.url,
                ]) { $1 })
                defer { fixture.stop() }
                #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
                try await KioskctlCardsTests.waitForReaders(4, fixture: fixture)
                let card = try VirtualCard(VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/ssc-gen2.toml"))
                    .insert(port: PCSCStack.sscReader.port)
                try await KioskctlCardsTests.waitForCard(in: PCSCStack.sscReader.pcscName, fixture: fixture)
                card.remove()

                var (status, report, text) = try await Self.diag(fixture)
                for id in ["pcscd", "printer", "backend", "backend.clock", "journal.disk", "journal.integrity",
                           "journal.unresolved", "receipts.owed", "config"] {
                    #expect(report.check(id)?.passed == true, "\(id): \(text)")
                }
                // The test's readers are vpcd's: named explicitly, they work, and diag warns that they are virtual.
                for id in ["reader.ssc", "reader.idcard"] {
                    #expect(report.check(id).map { $0.severity == .warning && $0.detail.contains("a virtual reader") } == true, "\(id): \(text)")
                }
                #expect(report.check("reader.ssc")?.detail.contains("last card ATR 3B") == true, "\(text)")
                #expect(report.check("backend.certificate")?.detail.contains("plain http") == true)
                // The configured scanner is not on this machine's bus: the one critical failure, so diag exits 1.
                #expect(report.criticalFailures.map(\.id) == ["scanner"], "\(text)")
                #expect(status == 1)
                #expect(text.contains("✔ pcscd") && text.contains("✘ scanner") && text.contains("→ check the scanner's USB cable"), "\(text)")

                try printer.setPaper(empty: true)
                (status, report, text) = try await Self.diag(fixture)
                #expect(report.check("printer")?.passed == false)
                #expect(text.contains("paper out"), "\(text)")
                #expect(text.contains("→ load an 80 mm roll of thermal paper"), "\(text)")

                await backend.stop()
                (status, report, text) = try await Self.diag(fixture)
                #expect(report.check("backend")?.passed == false)
                #expect(report.check("backend")?.fix?.contains("check the network cable") == true, "\(text)")
                #expect(report.check("backend.clock")?.severity == .warning && report.check("backend.clock")?.passed == false)

                try Self.damage(journal: fixture.socketPath + ".journal")
                (status, report, text) = try await Self.diag(fixture)
                #expect(report.check("journal.integrity")?.passed == false, "\(text)")
                #expect(report.check("journal.integrity")?.fix?.contains("do not delete it") == true, "\(text)")

                await PCSCStack.shared.stop()
                try await waitUntil("diag sees pcscd gone", timeout: .seconds(15), poll: .milliseconds(200)) {
                    try await Self.diag(fixture).report.check("pcscd")?.passed == false
                }
                (status, report, text) = try await Self.diag(fixture)
                #expect(text.contains("→ is pcscd running?"), "\(text)")
                #expect(report.check("reader.ssc")?.passed == false)
                #expect(status == 1)
                try await PCSCStack.shared.start()
            }
        }
    }

    @Test("without kioskd, diag says so, how to look, and exits 1")
    func kioskdDown() async throws {
        let work = try TemporaryDirectory(prefix: "diag-down")
        defer { work.remove() }
        let result = try await ChildProcess.run(RepositoryPaths.binary("kioskctl"), ["diag", "--socket", work.file("none.sock")], workDirectory: work)
        #expect(result.status == 1)
        #expect(result.output.contains("✘ kioskd") && result.output.contains("systemctl status kioskd"), "\(result.output)")
    }

    @Test("an unplugged umockdev scanner fails the scanner check with its fix")
    func scannerUnplugged() async throws {
        guard try await runsInsideTestbed(suite: "KioskctlDiagTests") else { return }
        let testbed = try USBScannerTestbed(device: .newlandKeyboard)
        try testbed.plug()
        let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SCANNER": "auto"])
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
        try await waitUntil("diag sees the scanner", timeout: .seconds(15), poll: .milliseconds(200)) {
            try await Self.diag(fixture).report.check("scanner")?.passed == true
        }
        #expect(try await Self.diag(fixture).report.check("scanner")?.detail.contains("keyboard mode") == true)
        testbed.unplug()
        try await waitUntil("diag sees the scanner gone", timeout: .seconds(15), poll: .milliseconds(200)) {
            try await Self.diag(fixture).report.check("scanner")?.passed == false
        }
        let (status, _, text) = try await Self.diag(fixture)
        #expect(status == 1)
        #expect(text.contains("✘ scanner") && text.contains("→ check the scanner's USB cable"), "\(text)")
    }

    static func diag(_ fixture: DaemonFixture) async throws -> (status: Int32, report: DiagnosticReport, text: String) {
        let json = try await fixture.kioskctl(["diag", "--json", "--socket", fixture.socketPath])
        let report = try JSONDecoder().decode(DiagnosticReport.self, from: Data(json.output.utf8))
        let text = try await fixture.kioskctl(["diag", "--socket", fixture.socketPath])
        #expect(text.status == json.status)
        return (json.status, report, text.output)
    }

    /// Garbage over every page after the database header, and over the write-ahead log's frames,
    /// as a failing disk would leave them.
    static func damage(journal path: String) throws {
        for (file, keep) in [(path, 100), (path + "-wal", 32)] {
            guard let handle = FileHandle(forUpdatingAtPath: file) else { continue }
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            guard size > UInt64(keep) else { continue }
            try handle.seek(toOffset: UInt64(keep))
            try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - keep))
            try handle.synchronize()
        }
    }
}

extension DiagnosticReport {
    func check(_ id: String) -> DiagnosticCheck? { checks.first { $0.id == id } }
}
