import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging

/// An SSC read end to end through pcscd + vpcd: kioskd's PCSCCardReader against the same APDUs
/// replayed by a C program on libpcsclite (the floor) and by pyscard (the Python peer). All three
/// connect exclusively, send the APDUs and disconnect per read, on one context.
struct CardBenchmark {
    let floorProgram: String
    let pyscardScript: String
    let reads: Int

    func run() async throws -> [BenchRow] {
        try await PCSCStack.shared.start()
        let rows = try await measure()
        await PCSCStack.shared.stop()
        return rows
    }

    private func measure() async throws -> [BenchRow] {
        let card = try VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/ssc-gen2.toml")
        return try await Self.withCard(card, in: PCSCStack.sscReader) { reader, inserted in try await measure(reader, inserted) }
    }

    /// kioskd's PCSCCardReader on the test stack's virtual readers, running, with `file`'s card in
    /// `slot` and seen there.
    static func withCard<Result>(_ file: VirtualCardFile, in slot: PCSCStack.Reader,
                                 _ body: (PCSCCardReader, VirtualCardSession) async throws -> Result) async throws -> Result {
        let reader = PCSCCardReader(
            sscReader: .namePattern(PCSCStack.sscReader.pcscName), idcardReader: .namePattern(PCSCStack.idcardReader.pcscName),
            database: try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase), commandTimeout: .seconds(3),
            today: { CalendarDate.today() }, logger: Logger(label: "bench")
        )
        let running = Task { try await reader.run() }
        defer { running.cancel() }
        let card = try VirtualCard(file).insert(port: slot.port)
        defer { card.remove() }
        try await waitUntil("pcscd sees the card in \(slot.pcscName)", timeout: .seconds(60), poll: .milliseconds(20)) {
            await reader.readers().contains { $0.name == slot.pcscName && $0.cardPresent }
        }
        return try await body(reader, card)
    }

    private func measure(_ reader: PCSCCardReader, _ card: VirtualCardSession) async throws -> [BenchRow] {

        let apdus = try await reader.benchmarkRead(.socialSecurityCard)
        let replay = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-apdus-\(getpid()).hex")
        try card.recentCommands.suffix(apdus).map { HexBytes.format($0, separator: "") }.joined(separator: "\n").write(to: replay, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: replay) }

        // Three alternating rounds, so drift on a shared machine hits all three alike.
        var swift = LatencySamples(), floor = LatencySamples(), python = LatencySamples()
        for _ in 0..<3 {
            for _ in 0..<reads {
                let start = ContinuousClock.now
                _ = try await reader.benchmarkRead(.socialSecurityCard)
                swift.add(ContinuousClock.now - start)
            }
            floor.merge(try peer([floorProgram, PCSCStack.sscReader.pcscName, replay.path, "\(reads)"]))
            python.merge(try peer(["/usr/bin/python3", pyscardScript, PCSCStack.sscReader.pcscName, replay.path, "\(reads)"]))
        }
        let (kioskd, c, py) = (swift.percentileMilliseconds(50), floor.percentileMilliseconds(50), python.percentileMilliseconds(50))
        return [
            BenchRow(name: "SSC read via pcscd+vpcd, APDUs per read", value: Double(apdus), unit: "APDU", target: "(reported)", met: true),
            BenchRow(name: "SSC read, kioskd PCSCCardReader, median", value: kioskd, unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "SSC read, C on libpcsclite (floor), median", value: c, unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "SSC read, pyscard (Python peer), median", value: py, unit: "ms", target: "(reported)", met: true),
            BenchRow(name: "SSC read, kioskd / C floor", value: kioskd / c, unit: "x", target: "<= 1.2", met: kioskd / c <= 1.2),
            BenchRow(name: "SSC read, pyscard / C floor", value: py / c, unit: "x", target: "(reported)", met: true),
        ]
    }

    /// Runs a peer program; it prints one read's seconds per line.
    private func peer(_ command: [String]) throws -> LatencySamples {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("\(command[0]) exited with \(process.terminationStatus)") }
        let seconds = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Double($0) }
        guard seconds.count == reads else { throw BenchFailure("\(command[0]) printed \(seconds.count) of \(reads) samples") }
        var samples = LatencySamples()
        for value in seconds { samples.add(.nanoseconds(Int64(value * 1e9))) }
        return samples
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
