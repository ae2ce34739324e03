import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskSimulators
import KioskTesting
import Testing

/// `kioskctl selftest printer|card` against real stacks: ippeveprinter, and pcscd with vpcd's virtual readers.
@Suite("kioskctl selftest through kioskd and real device stacks", .serialized)
struct KioskctlSelftestTests {
    @Test("selftest printer prints the test page with ✔; with the paper out it says ✘, why and the fix, and exits 1")
    func printerTestPage() async throws {
        try await IPPPrinterStack.running { printer in
            let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_PRINTER": printer.uri, "KIOSK_DEVICES_PRINTER_MODEL": "thermal-80mm"])
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")

            let passed = try await fixture.kioskctl(["selftest", "printer", "--socket", fixture.socketPath])
            #expect(passed.status == 0, "kioskctl: \(passed.output) \(passed.error)\nprinter: \(printer.log)")
            let lines = passed.output.split(separator: "\n")
            #expect(lines.first?.hasPrefix("printing the test page on the receipt printer") == true, "\(passed.output)")
            #expect(lines.dropFirst().first?.hasPrefix("✔ test page printed (job ") == true && lines.dropFirst().first?.hasSuffix(" completed)") == true,
                    "\(passed.output)")
            #expect(passed.output.contains("last job") && passed.output.contains("test-page-TEST-0001"))
            #expect(printer.spooledFiles.count == 1)

            try printer.setPaper(empty: true)
            let failed = try await fixture.kioskctl(["selftest", "printer", "--json", "--socket", fixture.socketPath])
            #expect(failed.status == 1, "kioskctl: \(failed.output) \(failed.error)")
            let report = try JSONDecoder.iso8601.decode(SelftestReport.self, from: Data(failed.output.utf8))
            #expect(!report.passed && report.device == .printer)
            #expect(report.problem?.code == "printer.paper_out", "\(report)")
            #expect(report.fix == "load a 80 mm roll, then print the test page again")
            #expect(failed.error.hasPrefix("printing the test page"), "with --json the instruction goes to standard error")
            #expect(printer.spooledFiles.count == 1, "no test page waits in the printer to come out once paper is loaded")
            let text = try await fixture.kioskctl(["selftest", "printer", "--socket", fixture.socketPath])
            #expect(text.status == 1 && text.output.contains("✘ the printer cannot print now, so no test page was sent"), "\(text.output)")
            #expect(text.output.contains("fix           load a 80 mm roll"), "\(text.output)")
        }
    }

    @Test("selftest card waits for a card inserted through pcscd and prints it masked with ✔")
    func cardInsertedWhileWaiting() async throws {
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: KioskctlCardsTests.readers)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
            try await KioskctlCardsTests.waitForReaders(4, fixture: fixture)
            try await KioskctlCardsTests.maintenanceOn(fixture)

            let selftest = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["selftest", "card", "--timeout", "30", "--socket", fixture.socketPath],
                                            workDirectory: fixture.work)
            defer { selftest.stop() }
            try await waitUntil("kioskctl says what to do") { selftest.standardOutput.contains("insert any card into either reader") }
            let card = try VirtualCard(VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/ssc-gen2.toml"))
                .insert(port: PCSCStack.sscReader.port)
            defer { card.remove() }
            #expect(await selftest.waitForExit(timeout: .seconds(30)) == 0, "kioskctl: \(selftest.standardOutput) \(selftest.standardError)")

            let output = selftest.standardOutput
            #expect(output.contains("✔ card read in \(PCSCStack.sscReader.pcscName)"), "\(output)")
            #expect(output.contains("card          social security card (spec 2.00)"), "\(output)")
            #expect(output.range(of: #"ID number     \d{4}\*{10}\d{3}[\dX] \(check character valid\)"#, options: .regularExpression) != nil, "\(output)")
            #expect(output.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "an unmasked ID number was printed")
            #expect(fixture.auditLines.contains { $0.contains("action=POST /v1/selftest/card") && $0.contains("outcome=200") }, "\(fixture.auditLines)")
        }
    }

    @Test("selftest card with no card: ✘ after the timeout, with the fix, exit 1")
    func cardTimeout() async throws {
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: KioskctlCardsTests.readers)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
            try await KioskctlCardsTests.waitForReaders(4, fixture: fixture)
            let started = ContinuousClock.now
            let result = try await fixture.kioskctl(["selftest", "card", "--timeout", "2", "--socket", fixture.socketPath])
            #expect(result.status == 1, "\(result)")
            #expect(ContinuousClock.now - started >= .seconds(2))
            #expect(result.output.contains("✘ no card was inserted within 2 s"), "\(result.output)")
            #expect(result.output.contains("problem       [selftest.timeout]"), "\(result.output)")
            #expect(result.output.contains("fix           insert a social security card chip first into the SSC reader"), "\(result.output)")
            #expect(fixture.auditLines.contains { $0.contains("action=POST /v1/selftest/card") && $0.contains("outcome=409") }, "\(fixture.auditLines)")
            let refused = try await fixture.kioskctl(["selftest", "card", "--timeout", "0", "--socket", fixture.socketPath])
            #expect(refused.status != 0 && refused.error.contains("--timeout 0: from 1 to 600 seconds"), "\(refused)")
        }
    }
}
