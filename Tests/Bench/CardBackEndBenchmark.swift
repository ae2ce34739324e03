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
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        device.place(try TestCards.virtualIDCard())
        let serial = GA467Reader(port: SerialGA467Port(path: device.devicePath, clock: ContinuousClock()), settings: .init(), clock: ContinuousClock(), today: { CalendarDate.today() },
                                 logger: Logger(label: "bench"))
        let double = try await LibraryDouble.sdtapi(ports: [1001: device.devicePath])
        defer { double.directory.remove() }
        let sdtapi = GA467Reader(port: SDTAPIPort(libraryPath: double.libraryPath, portNumber: 1001), settings: .init(), clock: ContinuousClock(),
                                 today: { CalendarDate.today() }, logger: Logger(label: "bench"))
        return try await CardBenchmark.withCard(try VirtualCardFile(toml: TestCards.idCard(), source: "test"), in: PCSCStack.idcardReader) { pcsc, _ in
            try await LatencySamples.alternating(reads: reads, [
                ("ID read, sdtapi C ABI (double) over the pty", { _ = try await sdtapi.readCard() }),
                ("ID read, PC/SC tunnel (pcscd+vpcd)", { _ = try await pcsc.benchmarkRead(.idCard) }),
                ("ID read, GA 467 serial line (pty)", { _ = try await serial.readCard() }),
            ])
        }
    }

    private func socialSecurityCard() async throws -> [BenchRow] {
        let double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName)
        defer { double.directory.remove() }
        let library = SSCLibraryReader(libraryPath: double.libraryPath, clock: ContinuousClock(), today: { CalendarDate.today() }, logger: Logger(label: "bench"))
        let card = try VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/ssc-gen3.toml")
        return try await CardBenchmark.withCard(card, in: PCSCStack.sscReader) { pcsc, _ in
            try await LatencySamples.alternating(reads: reads, [
                ("SSC read (3.00), PC/SC", { _ = try await pcsc.benchmarkRead(.socialSecurityCard) }),
                ("SSC read (3.00), 部标 library C ABI (double, on PC/SC)", { _ = try await library.readCard() }),
            ])
        }
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
            let used = try await whileRunning(reader, logger: Logger(label: "bench")) {
                let before = CardTerminalBenchmark.processCPUSeconds()
                try await Task.sleep(for: .seconds(idleSeconds))
                return CardTerminalBenchmark.processCPUSeconds() - before
            }
            rows.append(BenchRow(name: "idle CPU, \(name), per 10 s", value: used * 10 / Double(idleSeconds), unit: "s", target: "<= 0.05", met: used * 10 / Double(idleSeconds) <= 0.05))
        }
        return rows
    }
}
