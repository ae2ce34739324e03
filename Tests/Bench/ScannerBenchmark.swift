import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskTesting
import Logging
import ServiceLifecycle

/// The scanner under umockdev (kiosk-bench runs inside `umockdev-wrapper` for this): the latency
/// from the HID report that completes a code to the state machine's event, through real libusb and
/// LibUSBScanner; and kioskd's CPU time while idle with the scanner attached.
struct ScannerBenchmark {
    var samples = 300
    var idleSeconds = 60
    var kioskd: String
    var config: String
    var devices: String

    func run() async throws -> [BenchRow] {
        let testbedKeyboard = try USBScannerTestbed(device: .newlandKeyboard)
        try testbedKeyboard.plug()
        var rows = try await latency(testbedKeyboard, mode: "keyboard, the Enter report")
        rows += try await idleCPU(testbedKeyboard)
        testbedKeyboard.unplug()
        return rows
    }

    /// Each sample: the resident's code arrives, the state machine waits on the pay-code screen.
    private func latency(_ testbed: USBScannerTestbed, mode: String) async throws -> [BenchRow] {
        let database = try DeviceDatabase.load(directory: devices)
        let scanner = LibUSBScanner(selector: .auto, database: database, clock: ContinuousClock(), logger: Logger(label: "bench"))
        let group = ServiceGroup(services: [scanner], logger: Logger(label: "bench"))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        try await waitUntil("the scanner attaches") { scanner.status().state == .online }
        let waiting = try Self.machineAwaitingPayCode()
        var scans = scanner.scans.makeAsyncIterator()
        var results = LatencySamples()
        let clock = ContinuousClock()
        for index in 0..<samples {
            let code = "1345678901" + String(format: "%08d", index)
            testbed.type(code)
            // The read waiting again: the digits are consumed, so the clock starts on an idle scanner.
            try await waitUntil("the digits are read") { testbed.pendingInterruptReads == 1 }
            let began = clock.now
            testbed.type("\n")
            guard let scan = await scans.next() else { throw TestFixtureError("the scanner's stream ended") }
            guard case .payCode(let payCode) = scan.classification else { throw TestFixtureError("sample \(index) was not a pay code: \(scan)") }
            var machine = waiting
            _ = machine.handle(.payCodeScanned(payCode, at: .zero))
            results.add(clock.now - began)
            guard case .journalingIntent = machine.state else { throw TestFixtureError("the pay code did not move the session on: \(machine.state.kind)") }
        }
        await group.triggerGracefulShutdown()
        try await running.value
        let p50 = results.percentileMilliseconds(50), p95 = results.percentileMilliseconds(95)
        return [
            BenchRow(name: "scanner: HID report to state-machine event p50 (\(mode), \(samples) codes)", value: p50, unit: "ms", target: "< 20", met: p50 < 20),
            BenchRow(name: "scanner: HID report to state-machine event p95", value: p95, unit: "ms", target: "< 50", met: p95 < 50),
        ]
    }

    private static func machineAwaitingPayCode() throws -> SessionStateMachine {
        var machine = SessionStateMachine(settings: SessionSettings(insuranceYear: 2021))
        for event in SessionBenchmark.journey {
            if case .payCodeScanned = event { break }
            _ = machine.handle(event)
        }
        guard case .awaitingPayCode = machine.state else { throw TestFixtureError("the journey did not reach the pay-code screen: \(machine.state.kind)") }
        return machine
    }

    /// kioskd (production mode, libusb scanner) as a child of this process, so it sees the testbed.
    private func idleCPU(_ testbed: USBScannerTestbed) async throws -> [BenchRow] {
        let work = try TemporaryDirectory(prefix: "bench-scanner")
        defer { work.remove() }
        let socket = work.file("admin.sock")
        let daemon = try ChildProcess(kioskd, ["--config", config, "--log-level", "warning"], environment: [
            "KIOSK_ADMIN_SOCKET": socket, "KIOSK_ADMIN_GROUP": "", "KIOSK_JOURNAL_PATH": work.file("journal.sqlite"),
            "KIOSK_UPDATES_HISTORY_DIRECTORY": work.file("config-history"),
            "KIOSK_DEVICES_DATABASE": devices, "KIOSK_DEVICES_SCANNER": "auto",
            "KIOSK_UI_LISTEN": "127.0.0.1:0", "KIOSK_UI_ROOT": RepositoryPaths.uiRoot,
        ], workDirectory: work)
        defer { daemon.stop() }
        try await waitUntil("kioskd claims the scanner", timeout: .seconds(30)) { testbed.claimedInterfaces == [0] && testbed.pendingInterruptReads > 0 }
        try await Task.sleep(for: .seconds(2))
        let cpuBefore = try Self.cpuSeconds(daemon.pid)
        let ioctlsBefore = testbed.ioctlCount
        try await Task.sleep(for: .seconds(idleSeconds))
        let used = try Self.cpuSeconds(daemon.pid) - cpuBefore
        let ioctls = testbed.ioctlCount - ioctlsBefore
        guard daemon.isRunning else { throw TestFixtureError("kioskd exited: \(daemon.standardOutput)") }
        return [
            BenchRow(name: "kioskd idle with the scanner attached: user+sys CPU over \(idleSeconds) s", value: used, unit: "s", target: "< 0.3", met: used < 0.3),
            BenchRow(name: "kioskd idle with the scanner attached: usbfs calls over \(idleSeconds) s", value: Double(ioctls), unit: "calls", target: "0", met: ioctls == 0),
        ]
    }

    static func cpuSeconds(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let end = stat.lastIndex(of: ")") else { throw TestFixtureError("unreadable /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { throw TestFixtureError("unreadable /proc/\(pid)/stat") }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
