import Foundation
import KioskAPI
import KioskCore
import KioskTesting
import Testing

/// `kioskctl selftest scanner` with kioskd's libusb scanner on a umockdev testbed in this (re-run)
/// test process; kioskd and kioskctl are its children, so they see the same mocked bus.
@Suite("kioskctl selftest scanner through kioskd, real libusb and a umockdev scanner")
struct KioskctlScannerSelftestTests {
    static let payCode = "284567890123456789"

    @Test("selftest scanner prints one scan masked with ✔; with nothing scanned it says ✘ and the fix, exit 1")
    func scanThenTimeout() async throws {
        guard try await runsInsideTestbed(suite: "KioskctlScannerSelftestTests") else { return }
        let testbed = try USBScannerTestbed(device: .newlandKeyboard)
        try testbed.plug()
        let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SCANNER": "auto"])
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
        try await waitUntil("kioskd shows the scanner online", timeout: .seconds(15)) { try await KioskctlScannerTests.scannerStatus(fixture).state == .online }

        let selftest = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["selftest", "scanner", "--timeout", "30", "--socket", fixture.socketPath],
                                        workDirectory: fixture.work)
        defer { selftest.stop() }
        try await waitUntil("kioskctl says what to do") { selftest.standardOutput.contains("scan any barcode or QR code") }
        // kioskctl speaks before kioskd listens: scan again until one lands, as a technician would.
        var status: Int32?
        for _ in 0..<10 where status == nil {
            testbed.type(Self.payCode + "\n")
            status = await selftest.waitForExit(timeout: .seconds(2))
        }
        #expect(status == 0, "kioskctl: \(selftest.standardOutput) \(selftest.standardError)")
        let output = selftest.standardOutput
        #expect(output.contains("✔ scan received from Newland NLS-FM430 1eab:1d06 on bus 1 address 2 (keyboard mode)"), "\(output)")
        #expect(output.contains("scan          pay code (alipay)  **************6789"), "\(output)")
        #expect(!output.contains(Self.payCode) && !fixture.daemon.standardOutput.contains(Self.payCode))

        let timedOut = try await fixture.kioskctl(["selftest", "scanner", "--timeout", "2", "--json", "--socket", fixture.socketPath])
        #expect(timedOut.status == 1, "\(timedOut)")
        let report = try JSONDecoder.iso8601.decode(SelftestReport.self, from: Data(timedOut.output.utf8))
        #expect(!report.passed && report.summary == "nothing was scanned within 2 s" && report.problem?.code == "selftest.timeout")
        #expect(report.fix?.hasPrefix("scan any barcode or QR code") == true, "\(report)")

        testbed.unplug()
        try await waitUntil("kioskd shows the scanner gone") { try await KioskctlScannerTests.scannerStatus(fixture).state == .noDevice }
        let unplugged = try await fixture.kioskctl(["selftest", "scanner", "--timeout", "1", "--socket", fixture.socketPath])
        #expect(unplugged.status == 1)
        #expect(unplugged.output.contains("fix           no scanner is attached"), "\(unplugged.output)")
    }
}
