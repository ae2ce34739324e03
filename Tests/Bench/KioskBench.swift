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

    @Option(name: .customLong("soak-sessions"), help: "Resident sessions of the in-process soak (0: no soak).")
    var soakSessions = 10_000

    @Flag(help: "Only the in-process soak (needs --devices).")
    var soak = false

    @Flag(help: "Only the card payment terminal benchmark.")
    var card = false

    @Flag(name: .customLong("id-readers"), help: "Only the card readers' back-end benchmark (PC/SC, serial line, sdtapi, the 部标 SSC library).")
    var idReaders = false

    @Flag(name: .customLong("card-to-screen"), help: "Only card inserted -> enrollment on screen through each card back end (kioskd, the sandbox, Chromium; needs --screen-python and --screen-probe).")
    var cardToScreen = false

    @Option(name: .customLong("screen-python"), help: "With --card-to-screen: the Python with Playwright (.build/ui-venv/bin/python).")
    var screenPython: String?
    @Option(name: .customLong("screen-probe"), help: "With --card-to-screen: Tests/UITests/bench_card_screen.py.")
    var screenProbe: String?
    @Option(name: .customLong("screen-rounds"), help: "With --card-to-screen: measured rounds per back end.")
    var screenRounds = 20

    func validate() throws {
        guard soakSessions == 0 || soakSessions >= 4 else { throw ValidationError("--soak-sessions \(soakSessions): 0 (no soak) or at least 4 (it measures after each quarter)") }
        if cardToScreen {
            guard screenPython != nil, screenProbe != nil else { throw ValidationError("--card-to-screen needs --screen-python and --screen-probe") }
            return
        }
        if soak {
            guard devices != nil else { throw ValidationError("--soak needs --devices") }
        } else if card || idReaders {
            return
        } else if scanner {
            guard kioskd != nil, config != nil, devices != nil else { throw ValidationError("--scanner needs --kioskd, --config and --devices") }
        } else {
            guard pcscFloor != nil, pyscard != nil, devices != nil else { throw ValidationError("--pcsc-floor, --pyscard and --devices are required (or --scanner)") }
        }
    }

    func run() async throws {
        if scanner, let kioskd, let config, let devices {
            await measure("scanner") { try await ScannerBenchmark(idleSeconds: idleSeconds, kioskd: kioskd, config: config, devices: devices).run() }
            return
        }
        if card {
            await measure("card at the nexo terminal") { try await CardTerminalBenchmark().run() }
            return
        }
        if cardToScreen, let screenPython, let screenProbe {
            await measure("card inserted -> enrollment on screen through each back end") {
                try await CardToScreenBenchmark(rounds: screenRounds, python: screenPython, probe: screenProbe).run()
            }
            return
        }
        if idReaders {
            await measure("card reads through each back end") { try await CardBackEndBenchmark(reads: cardReads / 2).run() }
            return
        }
        if soak, let devices {
            await measure("soak") { try await SoakBenchmark(sessions: soakSessions, devices: devices).run() }
            return
        }
        guard let pcscFloor, let pyscard, let devices else { return }
        // Cards first: the backend benchmark's in-process server and clients keep threads busy for a while after it.
        await measure("SSC read through pcscd") { try await CardBenchmark(floorProgram: pcscFloor, pyscardScript: pyscard, reads: cardReads).run() }
        await measure("card reads through each back end") { try await CardBackEndBenchmark(reads: cardReads / 2).run() }
        await measure("session state machine and journal") { try await SessionBenchmark().run() }
        await measure("card at the nexo terminal") { try await CardTerminalBenchmark().run() }
        await measure("receipt render") { try ReceiptBenchmark(devices: devices).run() }
        await measure("config bundle verify") { try ConfigBundleBenchmark().run() }
        await measure("receipt through a private cupsd queue") { try await PrintBenchmark(devices: devices).run() }
        await measure("backend client and sandbox") { try await BackendBenchmark(duration: .seconds(seconds)).run() }
        if soakSessions > 0 {
            await measure("soak") { try await SoakBenchmark(sessions: soakSessions, devices: devices).run() }
        }
    }

    /// Runs one benchmark and prints its rows at once; a benchmark that fails prints
    /// `UNMEASURED<TAB>name<TAB>why` instead, and the others still run.
    private func measure(_ name: String, _ benchmark: () async throws -> [BenchRow]) async {
        do {
            for row in try await benchmark() { print(row.line) }
        } catch {
            let why = "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            print(["UNMEASURED", name, String(why.prefix(600))].joined(separator: "\t"))
        }
        fflush(nil)  // every output stream: bench.py keeps the rows even if a later benchmark crashes
    }
}
