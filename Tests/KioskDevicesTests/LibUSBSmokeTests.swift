import CLibUSB
import Foundation
import KioskConfig
import KioskCore
@testable import KioskDevices
import KioskTesting
import Testing

@Suite("libusb-1.0 enumeration, through real libusb under umockdev")
struct LibUSBSmokeTests {
    static let insideUmockdev = ProcessInfo.processInfo.environment["KIOSK_TEST_UMOCKDEV"] == "1"

    @Test("libusb_init and the device list work on this machine")
    func initAndList() throws {
        var context: OpaquePointer?
        #expect(libusb_init(&context) == 0)
        defer { libusb_exit(context) }
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        #expect(count >= 0)
        libusb_free_device_list(list, 1)
    }

    /// Runs this very test binary under `umockdev-run` with the recorded scanner, so the
    /// assertions below execute against real libusb seeing a (mocked) kernel USB device.
    @Test("the scanner probe finds the recorded Newland scanner by VID:PID and by auto")
    func probeFindsRecordedScanner() async throws {
        if Self.insideUmockdev {
            let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
            let devices = try USBContext().devices()
            #expect(devices.contains { $0.vendorID == 0x1EAB && $0.productID == 0x1D06 && $0.busNumber == 1 && $0.address == 2 })
            let automatic = ScannerStatusProbe(database: database).status(selector: .auto)
            #expect(automatic.state == .online)
            #expect(automatic.detail == "Newland NLS-FM430 1eab:1d06 on bus 1 address 2")
            let other = ScannerStatusProbe(database: database).status(selector: .usb(vendorID: 0x0C2E, productID: 0x0B61))
            #expect(other.state == .noDevice)
            #expect(other.detail.contains("no device 0c2e:0b61 on USB (1eab:1d06)"))
            return
        }
        let work = try TemporaryDirectory(prefix: "umockdev")
        defer { work.remove() }
        let result = try await ChildProcess.run("/usr/bin/umockdev-run", [
            "--device", RepositoryPaths.devicesDatabase + "/umockdev/newland-fm430.umockdev", "--",
            CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", "probeFindsRecordedScanner",
        ], environment: ["KIOSK_TEST_UMOCKDEV": "1", "TMPDIR": work.path], workDirectory: work, timeout: .seconds(60))
        #expect(result.status == 0, "inner run failed:\n\(result.output)\n\(result.error)")
        // Swift Testing reports on standard error.
        #expect(result.error.contains("Test run with 1 test in 1 suite passed"), "inner run output:\n\(result.error)")
    }
}
