import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging
import ServiceLifecycle

/// Each card slot's back ends, against the same virtual cards, so the figures are the back ends' own
/// cost (the simulators answer at once; a real ID reader adds its RF and SAM time, about a second
/// vendors say, and on a serial line 1295 bytes at 115200 baud, about 112 ms, which the pty does not):
/// - a full ID-card read (find, select, text and photo) tunnelled in APDUs through pcscd + vpcd, in
///   GA 467 frames on a serial line (a pty pair), and through a libsdtapi (the test double's C ABI);
/// - a full SSC read over PC/SC and through the standard (部标) library's iReadCardBas + iReadCard
///   (the test double, itself on pcscd + vpcd);
/// - the CPU the polling back ends spend while idle, with an empty slot, over `idleSeconds`.
struct CardBackEndBenchmark {
    let reads: Int
    var idleSeconds = 10

    func run() async throws -> [BenchRow] {
        try await PCSCStack.shared.start()
        defer { Task { await PCSCStack.shared.stop() } }
        // Idle first: the reads leave their watchdog timers (one per call) to fire for seconds after.
        let idle = try await idleCPU()
        return try await idCard() + (try await socialSecurityCard()) + idle
    }

    private func idCard() async throws -> [BenchRow] {
        let card = try VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/idcard.toml")
        guard case .idCard(let idCard) = card.content else { throw BenchFailure("Devices/cards/idcard.toml is not an ID card") }

        let pcsc = PCSCCardReader(
            sscReader: .namePattern(PCSCStack.sscReader.pcscName), idcardReader: .namePattern(PCSCStack.idcardReader.pcscName),
            database: try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase), commandTimeout: .seconds(3),
            today: { CalendarDate.today() }, logger: Logger(label: "bench")
        )
        let running = Task { try await pcsc.run() }
        defer { running.cancel() }
        let inserted = try VirtualCard(card).insert(port: PCSCStack.idcardReader.port)
        defer { inserted.remove() }
        try await waitUntil("pcscd sees the ID card", timeout: .seconds(15), poll: .milliseconds(20)) {
            await pcsc.readers().contains { $0.name == PCSCStack.idcardReader.pcscName && $0.cardPresent }
        }

        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        device.place(idCard)
        let serial = GA467Reader(port: SerialGA467Port(path: device.devicePath, clock: ContinuousClock()), settings: .init(), clock: ContinuousClock(), today: { CalendarDate.today() },
                                       logger: Logger(label: "bench"))
        let double = try await LibraryDouble.sdtapi(ports: [1001: device.devicePath])
        defer { double.directory.remove() }
        let sdtapi = GA467Reader(port: SDTAPIPort(libraryPath: double.libraryPath, portNumber: 1001), settings: .init(), clock: ContinuousClock(),
                                 today: { CalendarDate.today() }, logger: Logger(label: "bench"))

        // Alternating rounds, so drift on a shared machine hits all alike.
        var tunnel = LatencySamples(), line = LatencySamples(), sdk = LatencySamples()
        for _ in 0..<3 {
            for _ in 0..<reads {
                let start = ContinuousClock.now
                _ = try await pcsc.benchmarkRead(.idCard)
                tunnel.add(ContinuousClock.now - start)
            }
            for _ in 0..<reads {
                let start = ContinuousClock.now
                _ = try await serial.readCard()
                line.add(ContinuousClock.now - start)
            }
            for _ in 0..<reads {
                let start = ContinuousClock.now
                _ = try await sdtapi.readCard()
                sdk.add(ContinuousClock.now - start)
            }
        }
        return [
            BenchRow(name: "ID read, sdtapi C ABI (double) over the pty, p50", value: sdk.percentileMilliseconds(50), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, sdtapi C ABI (double) over the pty, p95", value: sdk.percentileMilliseconds(95), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, PC/SC tunnel (pcscd+vpcd), p50", value: tunnel.percentileMilliseconds(50), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, PC/SC tunnel (pcscd+vpcd), p95", value: tunnel.percentileMilliseconds(95), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, GA 467 serial line (pty), p50", value: line.percentileMilliseconds(50), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, GA 467 serial line (pty), p95", value: line.percentileMilliseconds(95), unit: "ms", target: "(reported)", met: true),
        ]
    }

    private func socialSecurityCard() async throws -> [BenchRow] {
        let pcsc = PCSCCardReader(
            sscReader: .namePattern(PCSCStack.sscReader.pcscName), idcardReader: .namePattern(PCSCStack.idcardReader.pcscName),
            database: try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase), commandTimeout: .seconds(3),
            today: { CalendarDate.today() }, logger: Logger(label: "bench")
        )
        let running = Task { try await pcsc.run() }
        defer { running.cancel() }
        let inserted = try VirtualCard(VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/ssc-gen3.toml")).insert(port: PCSCStack.sscReader.port)
        defer { inserted.remove() }
        try await waitUntil("pcscd sees the SSC", timeout: .seconds(15), poll: .milliseconds(20)) {
            await pcsc.readers().contains { $0.name == PCSCStack.sscReader.pcscName && $0.cardPresent }
        }
        let double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName)
        defer { double.directory.remove() }
        let library = SSCLibraryReader(libraryPath: double.libraryPath, clock: ContinuousClock(), today: { CalendarDate.today() }, logger: Logger(label: "bench"))
        var direct = LatencySamples(), standard = LatencySamples()
        for _ in 0..<3 {
            for _ in 0..<reads {
                let start = ContinuousClock.now
                _ = try await pcsc.benchmarkRead(.socialSecurityCard)
                direct.add(ContinuousClock.now - start)
            }
            for _ in 0..<reads {
                let start = ContinuousClock.now
                _ = try await library.readCard()
                standard.add(ContinuousClock.now - start)
            }
        }
        return [
            BenchRow(name: "SSC read (3.00), PC/SC, p50", value: direct.percentileMilliseconds(50), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "SSC read (3.00), PC/SC, p95", value: direct.percentileMilliseconds(95), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "SSC read (3.00), 部标 library C ABI (double, on PC/SC), p50", value: standard.percentileMilliseconds(50), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "SSC read (3.00), 部标 library C ABI (double, on PC/SC), p95", value: standard.percentileMilliseconds(95), unit: "ms", target: "(reported)", met: true),
        ]
    }

    /// The polling back ends with empty slots for `idleSeconds` on the real clock: the process's CPU time.
    private func idleCPU() async throws -> [BenchRow] {
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        let double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName)
        defer { double.directory.remove() }
        let serial = GA467Reader(port: SerialGA467Port(path: device.devicePath, clock: ContinuousClock()), settings: .init(), clock: ContinuousClock(), today: { CalendarDate.today() },
                                 logger: Logger(label: "bench"))
        let library = SSCLibraryReader(libraryPath: double.libraryPath, clock: ContinuousClock(), today: { CalendarDate.today() }, logger: Logger(label: "bench"))
        var rows: [BenchRow] = []
        for (name, reader) in [("GA 467 serial (find card every 500 ms)", serial as any SlotReader), ("部标 library (iReadCardBas every 1 s)", library)] {
            let group = ServiceGroup(services: [reader], logger: Logger(label: "bench"))
            let running = Task { try await group.run() }
            let before = CardTerminalBenchmark.processCPUSeconds()
            try await Task.sleep(for: .seconds(idleSeconds))
            let used = CardTerminalBenchmark.processCPUSeconds() - before
            await group.triggerGracefulShutdown()
            _ = await running.result
            rows.append(BenchRow(name: "idle CPU, \(name), per 10 s", value: used * 10 / Double(idleSeconds), unit: "s", target: "<= 0.05", met: used * 10 / Double(idleSeconds) <= 0.05))
        }
        return rows
    }
}
