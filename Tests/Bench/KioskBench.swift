import ArgumentParser
import Foundation

/// `make bench`'s Swift half: measurements that need the kiosk's own libraries in-process.
/// Prints one tab-separated row per figure for Tests/tools/bench.py to tabulate.
@main
struct KioskBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kiosk-bench", abstract: "kioskd benchmarks that run in-process.")

    @Option(help: "Seconds each throughput measurement runs.")
    var seconds: Int = 5

    func run() async throws {
        let rows = try await SessionBenchmark().run()
            + (try await BackendBenchmark(duration: .seconds(seconds)).run())
        for row in rows { print(row.line) }
    }
}
