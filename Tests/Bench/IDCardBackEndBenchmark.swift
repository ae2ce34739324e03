import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging

/// A full ID-card read (find, select, text and photo: a 1295-byte answer) through each back end of
/// the ID-card slot, against the same virtual SAM: tunnelled in APDUs through pcscd + vpcd, and in
/// GA 467 frames on a serial line (a pty pair). The SAM answers at once in both, so the figures are
/// the back ends' own cost; a real reader adds its RF and SAM time (about a second, vendors say) and,
/// on a serial line, 1295 bytes at 115200 baud (about 112 ms), which the pty does not.
struct IDCardBackEndBenchmark {
    let reads: Int

    func run() async throws -> [BenchRow] {
        try await PCSCStack.shared.start()
        defer { Task { await PCSCStack.shared.stop() } }
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
        let serial = GA467Reader(port: SerialGA467Port(path: device.devicePath), settings: .init(), clock: ContinuousClock(), today: { CalendarDate.today() },
                                       logger: Logger(label: "bench"))

        // Alternating rounds, so drift on a shared machine hits both alike.
        var tunnel = LatencySamples(), line = LatencySamples()
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
        }
        return [
            BenchRow(name: "ID read, PC/SC tunnel (pcscd+vpcd), p50", value: tunnel.percentileMilliseconds(50), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, PC/SC tunnel (pcscd+vpcd), p95", value: tunnel.percentileMilliseconds(95), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, GA 467 serial line (pty), p50", value: line.percentileMilliseconds(50), unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "ID read, GA 467 serial line (pty), p95", value: line.percentileMilliseconds(95), unit: "ms", target: "(reported)", met: true),
        ]
    }
}
