import ArgumentParser
import Foundation

/// `make bench`'s Swift half: measurements that need the kiosk's own libraries in-process.
/// Prints one tab-separated row per figure for Tests/tools/bench.py to tabulate.
@main
struct KioskBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kiosk-bench", abstract: "kioskd benchmarks that run in-process.")

    @Option(help: "Seconds each throughput measurement runs.")
    var seconds: Int = 5

    @Option(name: .customLong("pcsc-floor"), help: "The compiled Tests/tools/pcsc-floor.c (the card benchmark's C floor).")
    var pcscFloor: String

    @Option(help: "Tests/tools/pcsc_pyscard.py (the card benchmark's Python peer).")
    var pyscard: String

    @Option(name: .customLong("card-reads"), help: "SSC reads per program and round.")
    var cardReads = 200

    func run() async throws {
        // Cards first: the backend benchmark's in-process server and clients keep threads busy for a while after it.
        let rows = try await CardBenchmark(floorProgram: pcscFloor, pyscardScript: pyscard, reads: cardReads).run()
            + (try await SessionBenchmark().run())
            + (try await BackendBenchmark(duration: .seconds(seconds)).run())
        for row in rows { print(row.line) }
    }
}
