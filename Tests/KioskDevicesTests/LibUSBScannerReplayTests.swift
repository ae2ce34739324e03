import CLibUSB
import Foundation
import KioskConfig
import KioskCore
@testable import KioskDevices
import KioskTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// LibUSBScanner against hand-written recordings of the Newland scanner (Devices/umockdev/*.ioctl),
/// replayed by `umockdev-run` behind real libusb: each test re-runs this test binary under
/// `umockdev-run --device newland-fm430.umockdev --ioctl /dev/bus/usb/001/002=<recording>`.
///
/// The recordings are first checked with plain libusb, one synchronous read at a time (the
/// `recording…` tests), then LibUSBScanner is run on them (the `scanner…` tests).
///
/// umockdev 0.17.16's static replay holds one submitted URB at a time (a second
/// USBDEVFS_SUBMITURB before the first is reaped aborts umockdev-run); LibUSBScanner keeps one
/// interrupt read waiting, as HID drivers do, so it runs on the recordings as it runs on hardware.
@Suite("LibUSBScanner on recorded scanners: umockdev-run static replays")
struct LibUSBScannerReplayTests {
    static let payCode = "134567890123456712"
    /// 38 reads: key down and key up for each of the 18 digits and for Enter.
    static let readsPerScan = 2 * (payCode.count + 1)
    /// These tests check what the recordings hold, not timing: reports are 1 ms apart whatever the
    /// machine's load (a busy CI host would otherwise trip the inter-key timeout).
    static func keyTime(_ index: Int) -> Duration { .milliseconds(index) }

    // MARK: the recordings, read with plain libusb

    @Test("keyboard recording: libusb reads key-down/key-up reports that type the pay code and Enter, then it starts over")
    func recordingTypesPayCode() async throws {
        guard try await Replay.runsInside(.keyboard) else { return }
        let device = try ReplayedDevice()
        var decoder = KeyboardScanDecoder()
        var results: [ScanDecodeResult] = []
        for index in 0..<Self.readsPerScan {
            let report = try device.read()
            #expect(report.count == 8)
            let result = decoder.decode(report: report, at: Self.keyTime(index))
            if result != .pending { results.append(result) }
        }
        #expect(results == [.scan(DecodedScan(text: Self.payCode))])
        #expect(try device.read() == [0, 0, 0x1E, 0, 0, 0, 0, 0], "after Enter's key-up the recording types '1' again")
    }

    @Test("stall recording: the first read fails with LIBUSB_ERROR_PIPE; after libusb_clear_halt the pay code follows")
    func recordingStalls() async throws {
        guard try await Replay.runsInside(.stall) else { return }
        let device = try ReplayedDevice()
        #expect(throws: ReplayedDevice.ReadFailure(code: LIBUSB_ERROR_PIPE.rawValue)) { try device.read() }
        #expect(libusb_clear_halt(device.handle, 0x81) == 0)
        var decoder = KeyboardScanDecoder()
        var last = ScanDecodeResult.pending
        for index in 0..<Self.readsPerScan {
            let result = decoder.decode(report: try device.read(), at: Self.keyTime(index))
            if result != .pending { last = result }
        }
        #expect(last == .scan(DecodedScan(text: Self.payCode)))
        #expect(throws: ReplayedDevice.ReadFailure(code: LIBUSB_ERROR_PIPE.rawValue), "the recording loops: it stalls again") { try device.read() }
    }

    @Test("gone recording: the pay code, then the read fails with LIBUSB_ERROR_NO_DEVICE")
    func recordingGoesAway() async throws {
        guard try await Replay.runsInside(.gone) else { return }
        let device = try ReplayedDevice()
        var decoder = KeyboardScanDecoder()
        var last = ScanDecodeResult.pending
        for index in 0..<Self.readsPerScan {
            let result = decoder.decode(report: try device.read(), at: Self.keyTime(index))
            if result != .pending { last = result }
        }
        #expect(last == .scan(DecodedScan(text: Self.payCode)))
        #expect(throws: ReplayedDevice.ReadFailure(code: LIBUSB_ERROR_NO_DEVICE.rawValue)) { try device.read() }
    }

    // MARK: LibUSBScanner on the recordings

    @Test("keyboard recording: LibUSBScanner finds the scanner by auto, claims it and decodes the recorded pay code")
    func scannerDecodesRecordedScan() async throws {
        guard try await Replay.runsInside(.keyboard) else { return }
        try await withReplayedScanner { rig in
            try await rig.eventually("the scanner attaches") { rig.scanner.status().state == .online }
            #expect(rig.scanner.status().detail == "Newland NLS-FM430 1eab:1d06 on bus 1 address 2 (keyboard mode)")
            // The status changes before the watch event reaches the collecting task: wait for it.
            try await rig.eventually("the attached event arrives") { !rig.events().isEmpty }
            #expect(rig.events().first?.kind == .attached, "\(rig.events())")
            // The recording loops, so more scans follow: the first one is the recorded code.
            let scan = try await rig.firstScan()
            #expect(scan.text == Self.payCode)
            guard case .payCode(let code) = scan.classification else { throw TestFixtureError("not a pay code: \(scan)") }
            #expect(code.channel == .wechat)
            #expect(!rig.events().contains { $0.kind == .fault || $0.kind == .detached }, "\(rig.events())")
        }
    }

    @Test("stall recording: LibUSBScanner clears the stalled endpoint, reports it as discarded, and decodes the code that follows")
    func scannerClearsRecordedStall() async throws {
        guard try await Replay.runsInside(.stall) else { return }
        try await withReplayedScanner { rig in
            let isStall = { (event: ScannerWatchEvent) in event.kind == .discarded && event.detail?.contains("stalled") == true }
            try await rig.eventually("a stall is reported as discarded") { rig.events().contains(where: isStall) }
            let stalled = try #require(rig.events().firstIndex(where: isStall))
            try await rig.eventually("a scan is decoded after the stall") { rig.events().dropFirst(stalled + 1).contains { $0.kind == .scan } }
            let scan = try #require(rig.events().dropFirst(stalled + 1).first { $0.kind == .scan }?.scan)
            #expect(scan.kind == "payCode")
            #expect(scan.channel == "wechat")
            #expect(scan.masked == "**************6712")
            #expect(try await rig.firstScan().text == Self.payCode)
            #expect(rig.scanner.status().state == .online)
            #expect(!rig.events().contains { $0.kind == .fault || $0.kind == .detached }, "\(rig.events())")
        }
    }

    @Test("gone recording: LibUSBScanner decodes the code, then reports the scanner detached (unplugged) and noDevice")
    func scannerReportsRecordedUnplug() async throws {
        guard try await Replay.runsInside(.gone) else { return }
        try await withReplayedScanner { rig in
            #expect(try await rig.firstScan().text == Self.payCode)
            try await rig.eventually("the scanner detaches") { rig.events().contains { $0.kind == .detached } }
            let detached = try #require(rig.events().first { $0.kind == .detached })
            #expect(detached.detail == "unplugged")
            #expect(detached.device == "Newland NLS-FM430 1eab:1d06 on bus 1 address 2")
            #expect(rig.scanner.status().state == .noDevice)
            #expect(rig.scanner.status().detail.contains("unplugged — waiting for it to be plugged in again"), "\(rig.scanner.status())")
            #expect(!rig.events().contains { $0.kind == .fault }, "\(rig.events())")
        }
    }
}

// MARK: - running inside umockdev-run

private enum Replay: String {
    case keyboard = "newland-fm430-keyboard.ioctl"
    case stall = "newland-fm430-stall.ioctl"
    case gone = "newland-fm430-gone.ioctl"

    /// Set (to "1") in the re-run under umockdev-run; its own name, so that LibUSBSmokeTests
    /// (KIOSK_TEST_UMOCKDEV) and LibUSBScannerTests (KIOSK_TEST_USB_TESTBED) are not triggered.
    static let insideMarker = "KIOSK_TEST_UMOCKDEV_REPLAY"
    static let deviceNode = "/dev/bus/usb/001/002"
    static var isInside: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment[insideMarker] == "1" && (environment["LD_PRELOAD"] ?? "").contains("libumockdev-preload")
    }

    /// True inside the replay. Outside, runs the calling test inside `umockdev-run` with this
    /// recording and checks that exactly that one test passed there.
    static func runsInside(_ recording: Replay, test: String = #function, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Bool {
        if isInside { return true }
        let umockdevRun = "/usr/bin/umockdev-run"
        guard FileManager.default.isExecutableFile(atPath: umockdevRun) else {
            throw TestFixtureError("\(umockdevRun) is missing: install the umockdev package (make deps-test)")
        }
        let folder = RepositoryPaths.devicesDatabase + "/umockdev/"
        let work = try TemporaryDirectory(prefix: "replay")
        defer { work.remove() }
        let filter = "LibUSBScannerReplayTests/" + NSRegularExpression.escapedPattern(for: test)
        let run = try await ChildProcess.run(umockdevRun, [
            "--device", folder + "newland-fm430.umockdev", "--ioctl", deviceNode + "=" + folder + recording.rawValue, "--",
            CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", filter,
        // No Swift backtracer inside: if umockdev-run aborts, the preload library aborts the inner
        // run too, and swift-backtrace would hang on it, orphaned, after umockdev-run has exited.
        ], environment: [insideMarker: "1", "TMPDIR": work.path, "SWIFT_BACKTRACE": "enable=no"], workDirectory: work, timeout: .seconds(90))
        let report = "inner run of \(filter) with \(recording.rawValue) (exit status \(run.status)):\n\(run.output)\n\(run.error)"
        // Swift Testing reports on standard error.
        #expect(run.status == 0, "\(report)", sourceLocation: sourceLocation)
        #expect(USBScannerTestbed.passedTestCount(in: run.error) == 1, "\(report)", sourceLocation: sourceLocation)
        return false
    }
}

/// The replayed scanner opened with plain libusb: interface 0 claimed, synchronous reads of
/// wMaxPacketSize bytes from endpoint 0x81, one transfer at a time.
private final class ReplayedDevice {
    struct ReadFailure: Error, Equatable, CustomStringConvertible {
        var code: Int32
        var description: String { "libusb_interrupt_transfer failed: \(USBContext.describe(code))" }
    }

    let context: OpaquePointer
    let handle: OpaquePointer
    let packetSize: Int

    init() throws {
        var context: OpaquePointer?
        guard libusb_init(&context) == 0, let context else { throw TestFixtureError("libusb_init failed") }
        self.context = context
        guard let handle = libusb_open_device_with_vid_pid(context, 0x1EAB, 0x1D06) else {
            libusb_exit(context)
            throw TestFixtureError("libusb cannot open the replayed 1eab:1d06")
        }
        self.handle = handle
        guard let layout = try? USBInterfaceLayout.read(device: libusb_get_device(handle), preferred: 0) else {
            libusb_close(handle)
            libusb_exit(context)
            throw TestFixtureError("no interrupt-IN endpoint on interface 0 of the replayed scanner")
        }
        packetSize = layout.maxPacketSize
        #expect(layout.endpoint == 0x81)
        #expect(libusb_kernel_driver_active(handle, 0) == 0)
        #expect(libusb_claim_interface(handle, 0) == 0)
    }

    deinit {
        _ = libusb_release_interface(handle, 0)
        libusb_close(handle)
        libusb_exit(context)
    }

    func read() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: packetSize)
        var transferred: Int32 = 0
        let result = libusb_interrupt_transfer(handle, 0x81, &buffer, Int32(packetSize), &transferred, 2000)
        guard result == 0 else { throw ReadFailure(code: result) }
        return Array(buffer.prefix(Int(transferred)))
    }
}

// MARK: - a running LibUSBScanner

/// LibUSBScanner run by a ServiceGroup, with its scans and watch events collected as they come.
private struct ReplayRig {
    let scanner: LibUSBScanner
    private let collected: Collected

    final class Collected: Sendable {
        let scans = Mutex<[BarcodeScan]>([])
        let events = Mutex<[ScannerWatchEvent]>([])
    }

    init(scanner: LibUSBScanner, collected: Collected) {
        self.scanner = scanner
        self.collected = collected
    }

    /// The watch events after the one `watch()` starts with (the scanner's state before it ran:
    /// detached, "starting").
    func events() -> [ScannerWatchEvent] { collected.events.withLock { Array($0.dropFirst()) } }

    func firstScan(within timeout: Duration = .seconds(10)) async throws -> BarcodeScan {
        try await eventually("a scan arrives", within: timeout) { collected.scans.withLock { !$0.isEmpty } }
        return collected.scans.withLock { $0[0] }
    }

    func eventually(_ what: String, within timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
        guard await KioskTesting.eventually(within: timeout, poll: .milliseconds(5), condition) else {
            throw TestFixtureError("timed out waiting until \(what): \(scanner.status()), events \(events())")
        }
    }
}

private func withReplayedScanner(_ body: (ReplayRig) async throws -> Void) async throws {
    let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
    let logger = Logger(label: "scanner-replay-test")
    // The inter-key timeout runs on a clock that stays still: the recordings are checked, not the machine's pace.
    let scanner = LibUSBScanner(selector: .auto, database: database, clock: TestClock(), logger: logger)
    let collected = ReplayRig.Collected()
    // Subscribed before the scanner starts, so every event from the first attach on is seen.
    let events = scanner.watch()
    let watching = Task {
        for await event in events { collected.events.withLock { $0.append(event) } }
    }
    let scans = scanner.scans
    let reading = Task {
        for await scan in scans { collected.scans.withLock { $0.append(scan) } }
    }
    let rig = ReplayRig(scanner: scanner, collected: collected)
    try await whileRunning(scanner, logger: logger) { try await body(rig) }
    // run() ends both streams after the engine has stopped.
    await watching.value
    await reading.value
}
