import Foundation
import KioskConfig
import KioskCore
@testable import KioskDevices
import KioskTesting
import Logging
import ServiceLifecycle
import Testing

/// LibUSBScanner against a libumockdev scanner behind real libusb: each test re-runs itself inside
/// umockdev (`USBScannerTestbed.runInside`), where the testbed plays the device.
@Suite("LibUSBScanner: real libusb, a umockdev scanner, hot-plug, both modes")
struct LibUSBScannerTests {
    static let payCode = "134567890123456712"

    @Test("keyboard mode: keys decoded by usage ID, Enter ends the code, classified and masked; idle makes no USB calls")
    func keyboardScan() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withScanner(.newlandKeyboard) { rig in
            try await rig.waitForAttach()
            #expect(rig.scanner.status().state == .online)
            #expect(rig.scanner.status().detail == "Newland NLS-FM430 1eab:1d06 on bus 1 address 2 (keyboard mode)")
            #expect(rig.testbed.claimedInterfaces == [0])
            #expect(rig.testbed.detachCount == 0, "no kernel driver was bound, so none is detached")
            var watch = rig.scanner.watch().makeAsyncIterator()
            #expect(await watch.next()?.kind == .attached)

            let calls = rig.testbed.ioctlCount
            try await Task.sleep(for: .seconds(1))
            #expect(rig.testbed.ioctlCount == calls, "an idle scanner must not be polled")

            rig.type(Self.payCode + "\n")
            let scan = try await rig.nextScan()
            #expect(scan.text == Self.payCode)
            guard case .payCode(let code) = scan.classification else { throw TestFixtureError("not a pay code: \(scan)") }
            #expect(code.channel == .wechat)
            let event = try #require(await watch.next())
            #expect(event.kind == .scan)
            #expect(event.scan?.masked == "**************6712")
            #expect(event.scan?.kind == "payCode")
            #expect(event.scan?.channel == "wechat")
        }
    }

    @Test("keyboard mode: a partial code is dropped after the inter-key timeout, the next code is whole")
    func partialCodeDropped() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withScanner(.newlandKeyboard) { rig in
            try await rig.waitForAttach()
            var watch = rig.scanner.watch().makeAsyncIterator()
            _ = await watch.next()
            rig.type("1345678")
            // The inter-key timeout runs on the rig's test clock: the code is whole however slowly
            // a loaded machine delivers it, and is dropped only once the test lets 150 ms pass.
            try await waitUntil("the scanner takes the 7 keys") { rig.testbed.everyReportTaken }
            rig.clock.advance(by: .milliseconds(150))
            let dropped = try #require(await watch.next())
            #expect(dropped.kind == .discarded)
            #expect(dropped.detail?.contains("7 characters") == true, "\(dropped)")
            #expect(dropped.detail?.contains("1345678") == false)
            rig.type(Self.payCode + "\n")
            #expect(try await rig.nextScan().text == Self.payCode)
        }
    }

    @Test("HID POS: the kernel driver is detached, the init feature report sent, a code over two reports arrives whole with its AIM id")
    func hidPOSContinuation() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withScanner(.honeywellHIDPOS, kernelDriverActive: true) { rig in
            try await rig.waitForAttach()
            #expect(rig.testbed.detachCount == 1)
            #expect(rig.testbed.claimedInterfaces == [0])
            #expect(rig.testbed.featureReports == [[0xFE, 0x01]])
            #expect(rig.scanner.status().detail.hasSuffix("(hid-pos mode)"))
            let token = "essc-" + String(repeating: "A1b2", count: 20)
            let (first, rest) = (Array(token.utf8.prefix(58)), Array(token.utf8.dropFirst(58)))
            rig.testbed.send(report: USBScannerTestbed.hidPOSReport(first, more: true))
            rig.testbed.send(report: USBScannerTestbed.hidPOSReport(rest))
            let scan = try await rig.nextScan()
            #expect(scan.text == token)
            #expect(scan.symbology?.identifier == "]Q1")
            #expect(scan.classification == .esscToken(token))
        }
    }

    @Test("stopped, the scanner is not given back to the kernel's keyboard driver: it never types into the screen (M8)")
    func kernelDriverStaysDetached() async throws {
        guard try await runsInsideTestbed() else { return }
        let testbed = try await withScanner(.honeywellHIDPOS, kernelDriverActive: true) { rig in
            try await rig.waitForAttach()
            #expect(rig.testbed.detachCount == 1 && !rig.testbed.kernelDriverActive)
        }
        #expect(!testbed.kernelDriverActive, "kioskd re-attached usbhid when it let the scanner go")
    }

    @Test("unplugged mid-read: detached and noDevice; plugged again: re-opened by itself and reading")
    func hotplug() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withScanner(.newlandKeyboard, plugged: false) { rig in
            try await waitUntil("the scanner reports noDevice") { rig.scanner.status().state == .noDevice }
            #expect(rig.scanner.status().detail.contains("no known scanner model on USB"))
            var watch = rig.scanner.watch().makeAsyncIterator()
            #expect(await watch.next()?.kind == .detached)
            try rig.testbed.plug()
            #expect(await watch.next()?.kind == .attached)
            #expect(rig.testbed.pendingInterruptReads > 0)

            rig.testbed.unplug()
            let left = try #require(await watch.next())
            #expect(left.kind == .detached)
            #expect(left.detail == "unplugged")
            #expect(rig.scanner.status().state == .noDevice)
            #expect(rig.scanner.status().detail.contains("waiting for it to be plugged in again"))

            try rig.testbed.plug()
            #expect(await watch.next()?.kind == .attached)
            #expect(rig.scanner.status().state == .online)
            rig.type(Self.payCode + "\n")
            #expect(try await rig.nextScan().text == Self.payCode)
        }
    }

    @Test("a stalled endpoint is cleared and reading goes on; shutdown releases the interface")
    func stallThenShutdown() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withScanner(.newlandKeyboard) { rig in
            try await rig.waitForAttach()
            var watch = rig.scanner.watch().makeAsyncIterator()
            _ = await watch.next()
            rig.testbed.failNextInterruptRead(status: -EPIPE)
            rig.testbed.send(report: [0, 0, 0, 0, 0, 0, 0, 0])
            let cleared = try #require(await watch.next())
            #expect(cleared.kind == .discarded)
            #expect(cleared.detail?.contains("stalled") == true)
            rig.type(Self.payCode + "\n")
            #expect(try await rig.nextScan().text == Self.payCode)
        }
    }
}

/// A running LibUSBScanner on a testbed device, inside umockdev.
struct ScannerRig {
    let testbed: USBScannerTestbed
    let scanner: LibUSBScanner
    let scans: SharedIterator<BarcodeScan>
    /// Times the inter-key timeout.
    let clock: TestClock

    func waitForAttach() async throws {
        try await waitUntil("the scanner attaches") { scanner.status().state == .online }
    }


    func nextScan() async throws -> BarcodeScan {
        guard let scan = await scans.next() else { throw TestFixtureError("the scan stream ended") }
        return scan
    }

    func type(_ text: String) { testbed.type(text) }
}

/// An iterator shared by reference, so a non-mutating helper can advance it.
final class SharedIterator<Element: Sendable>: @unchecked Sendable {
    private var iterator: AsyncStream<Element>.AsyncIterator
    init(_ stream: AsyncStream<Element>) { iterator = stream.makeAsyncIterator() }
    func next() async -> Element? { await iterator.next() }
}

/// Returns the testbed, to look at the device after the scanner let it go.
@discardableResult
private func withScanner(_ device: USBScannerTestbed.Device, kernelDriverActive: Bool = false, plugged: Bool = true, _ body: (ScannerRig) async throws -> Void) async throws -> USBScannerTestbed {
    let testbed = try USBScannerTestbed(device: device, kernelDriverActive: kernelDriverActive)
    if plugged { try testbed.plug() }
    let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
    let clock = TestClock()
    let scanner = LibUSBScanner(selector: .auto, database: database, clock: clock, logger: Logger(label: "scanner-test"))
    let rig = ScannerRig(testbed: testbed, scanner: scanner, scans: SharedIterator(scanner.scans), clock: clock)
    try await whileRunning(scanner, logger: Logger(label: "scanner-test")) { try await body(rig) }
    if plugged || testbed.pendingInterruptReads > 0 {
        try await waitUntil("the interface is released after shutdown") { testbed.claimedInterfaces.isEmpty }
    }
    return testbed
}

private func runsInsideTestbed(_ test: String = #function) async throws -> Bool {
    if USBScannerTestbed.isActive { return true }
    try await USBScannerTestbed.requirePassingRunInside(filter: "LibUSBScannerTests/" + NSRegularExpression.escapedPattern(for: test))
    return false
}
