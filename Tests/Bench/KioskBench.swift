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
    var pcscFloor: String?

    @Option(help: "Tests/tools/pcsc_pyscard.py (the card benchmark's Python peer).")
    var pyscard: String?

    @Flag(help: "Only the scanner benchmark; run inside umockdev-wrapper with KIOSK_TEST_USB_TESTBED=1.")
    var scanner = false

    @Option(help: "With --scanner: the kioskd binary, its kiosk.conf and the Devices folder.")
    var kioskd: String?
    @Option(help: "With --scanner: kiosk.conf for the idle kioskd.")
    var config: String?
    @Option(help: "The Devices folder (printer and scanner profiles).")
    var devices: String?

    @Option(name: .customLong("idle-seconds"), help: "With --scanner: how long kioskd idles with the scanner attached.")
    var idleSeconds = 60

    @Option(name: .customLong("card-reads"), help: "SSC reads per program and round.")
    var cardReads = 200

    func validate() throws {
        if scanner {
            guard kioskd != nil, config != nil, devices != nil else { throw ValidationError("--scanner needs --kioskd, --config and --devices") }
        } else {
            guard pcscFloor != nil, pyscard != nil, devices != nil else { throw ValidationError("--pcsc-floor, --pyscard and --devices are required (or --scanner)") }
        }
    }

    func run() async throws {
        if scanner, let kioskd, let config, let devices {
            let rows = try await ScannerBenchmark(idleSeconds: idleSeconds, kioskd: kioskd, config: config, devices: devices).run()
            for row in rows { print(row.line) }
            return
        }
        guard let pcscFloor, let pyscard, let devices else { return }
        // Cards first: the backend benchmark's in-process server and clients keep threads busy for a while after it.
        let rows = try await CardBenchmark(floorProgram: pcscFloor, pyscardScript: pyscard, reads: cardReads).run()
            + (try await SessionBenchmark().run())
            + (try ReceiptBenchmark(devices: devices).run())
            + (try ConfigBundleBenchmark().run())
            + (try await PrintBenchmark(devices: devices).run())
            + (try await BackendBenchmark(duration: .seconds(seconds)).run())
        for row in rows { print(row.line) }
    }
}
