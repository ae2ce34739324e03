import Foundation
import KioskCore
import KioskTesting
import Testing

/// kioskd with its libusb scanner, the device played by a umockdev testbed in this (re-run) test
/// process; kioskd and kioskctl are children, so they see the same mocked bus.
@Suite("kioskctl scanner through kioskd, real libusb and a umockdev scanner")
struct KioskctlScannerTests {
    static let payCode = "284567890123456789"

    @Test("scanner watch --json: attached, a pay code classified and masked to its last 4 digits, unplug and replug; status follows")
    func watchShowsMaskedScansAndHotplug() async throws {
        guard try await runsInsideTestbed(suite: "KioskctlScannerTests") else { return }
        let testbed = try USBScannerTestbed(device: .newlandKeyboard)
        try testbed.plug()
        let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SCANNER": "auto"])
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
        try await waitUntil("kioskd shows the scanner online", timeout: .seconds(15)) { try await Self.scannerStatus(fixture).state == .online }
        #expect(try await Self.scannerStatus(fixture).detail == "Newland NLS-FM430 1eab:1d06 on bus 1 address 2 (keyboard mode)")

        let watch = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["scanner", "watch", "--json", "--count", "4", "--socket", fixture.socketPath],
                                     workDirectory: fixture.work)
        defer { watch.stop() }
        try await waitUntil("the watch prints the attached scanner") { watch.standardOutput.contains("\"attached\"") }
        testbed.type(Self.payCode + "\n")
        try await waitUntil("the watch prints the scan") { watch.standardOutput.contains("\"scan\"") }
        testbed.unplug()
        try await waitUntil("kioskd shows the scanner gone") { try await Self.scannerStatus(fixture).state == .noDevice }
        try testbed.plug()
        #expect(await watch.waitForExit(timeout: .seconds(10)) == 0, "kioskctl: \(watch.standardOutput) \(watch.standardError)")

        let events = try watch.standardOutput.split(separator: "\n").map { try JSONDecoder().decode(ScannerWatchEvent.self, from: Data($0.utf8)) }
        #expect(events.map(\.kind) == [.attached, .scan, .detached, .attached])
        let scan = try #require(events[1].scan)
        #expect(scan.kind == "payCode" && scan.channel == "alipay" && scan.masked == "**************6789" && scan.length == 18)
        #expect(scan.device == "Newland NLS-FM430 1eab:1d06 on bus 1 address 2" && scan.mode == .keyboard)
        #expect(events[2].detail == "unplugged")
        #expect(!watch.standardOutput.contains(Self.payCode))
        #expect(!fixture.daemon.standardOutput.contains(Self.payCode), "kioskd's log holds the pay code")
        try await waitUntil("kioskd shows the scanner back") { try await Self.scannerStatus(fixture).state == .online }

        let text = try await fixture.kioskctl(["scanner", "show", "--socket", fixture.socketPath])
        #expect(text.output == "scanner  online  Newland NLS-FM430 1eab:1d06 on bus 1 address 2 (keyboard mode)\n", "\(text)")
    }

    @Test("a configured VID:PID that is not on the bus: status says which device and what to check")
    func missingScanner() async throws {
        guard try await runsInsideTestbed(suite: "KioskctlScannerTests") else { return }
        let testbed = try USBScannerTestbed(device: .newlandKeyboard)
        try testbed.plug()
        let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SCANNER": "05e0:1200"])
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
        try await waitUntil("kioskd reports no scanner") { try await Self.scannerStatus(fixture).state == .noDevice }
        let status = try await Self.scannerStatus(fixture)
        #expect(status.detail == "no device 05e0:1200 on USB — check the scanner's cable")
        #expect(status.requiredAction == .maintenance)
        #expect(testbed.claimedInterfaces.isEmpty, "the Newland scanner is not this kiosk's and stays untouched")
    }

    static func scannerStatus(_ fixture: DaemonFixture) async throws -> DeviceStatus {
        try #require(try await fixture.status().devices.first { $0.role == .scanner })
    }
}
