import ArgumentParser
import Foundation
import KioskAPI
import KioskCore
import NIOCore

struct SelftestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Check a device by using it: insert a card, scan a code, print the test page, show the test pattern (exit 1 when the test fails).",
        discussion: "Put the kiosk in maintenance first (kioskctl maintenance on --reason …), so the test card or code does not start a resident's session.",
        subcommands: [SelftestCardCommand.self, SelftestScannerCommand.self, SelftestPrinterCommand.self, SelftestScreenCommand.self]
    )
}

/// `--timeout` of the self-tests that wait for the technician.
struct SelftestWaitOptions: ParsableArguments {
    @Option(name: .long, help: "Seconds to wait (1–600).")
    var timeout: Int = 60

    func validate() throws {
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout \(timeout): from 1 to 600 seconds") }
    }
}

struct SelftestCardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Wait for a card in either reader and show it read, masked."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var wait: SelftestWaitOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await SelftestRun(connection: connection, output: output).perform(
            "/v1/selftest/card?timeout=\(wait.timeout)", waitSeconds: wait.timeout,
            instruction: "insert any card into either reader (a social security card chip first into its slot, or an ID card flat on the ID reader) — waiting \(wait.timeout) s…",
            residentMayReact: true
        )
    }
}

struct SelftestScannerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanner",
        abstract: "Wait for one scan and show it classified and masked."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var wait: SelftestWaitOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await SelftestRun(connection: connection, output: output).perform(
            "/v1/selftest/scanner?timeout=\(wait.timeout)", waitSeconds: wait.timeout,
            instruction: "scan any barcode or QR code with the kiosk's scanner (a phone's pay code works) — waiting \(wait.timeout) s…",
            residentMayReact: true
        )
    }
}

struct SelftestPrinterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer",
        abstract: "Print the test page and wait until the printer reports it completed."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        // kioskd follows the job for up to print_job_timeout_ms (default 30 s, at most 300 s).
        try await SelftestRun(connection: connection, output: output).perform(
            "/v1/selftest/printer", waitSeconds: 300,
            instruction: "printing the test page on the receipt printer — take it from the slot and check it is complete and sharp…"
        )
    }
}

/// What every self-test does: say what to do, ask kioskd, print the result, exit 1 when it failed.
struct SelftestRun {
    let connection: ConnectionOptions
    let output: OutputOptions

    /// `residentMayReact`: a card or code used outside maintenance also reaches the resident session.
    func perform(_ path: String, waitSeconds: Int, instruction: String, residentMayReact: Bool = false) async throws {
        let client = AdminClient(socketPath: connection.socket)
        // Asked first, so nothing is asked of the technician when kioskd does not answer.
        let maintenance: MaintenanceStatus = try await client.get("/v1/maintenance")
        var text = instruction
        if residentMayReact, maintenance.state == .off {
            text = "tip: the kiosk is in service, so the resident screen reacts too; kioskctl maintenance on --reason … first avoids that\n" + text
        }
        // The instruction comes first and at once; with --json it goes to standard error, so standard output stays JSON.
        let stream = output.json ? FileHandle.standardError : FileHandle.standardOutput
        stream.write(Data((text + "\n").utf8))
        let result: (status: UInt, answer: SelftestReport) = try await client
            .post(path, accepting: [409], timeout: .seconds(Int64(waitSeconds) + 30))
        print(output.json ? try JSONOutput.encode(result.answer) : SelftestText.render(result.answer))
        if !result.answer.passed { throw ExitCode(1) }
    }
}

struct SelftestScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Show the test pattern on the resident screen and report the size the page measured.",
        discussion: "Only while no resident is being served (kioskd answers 409 otherwise)."
    )

    @Option(name: .long, help: "Seconds the pattern stays on the screen (1–60).")
    var seconds: Int = 10

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...60).contains(seconds) else { throw ValidationError("--seconds \(seconds): from 1 to 60 seconds") }
    }

    func run() async throws {
        try await SelftestRun(connection: connection, output: output).perform(
            "/v1/selftest/screen?seconds=\(seconds)", waitSeconds: seconds,
            instruction: "showing the test pattern on the resident screen for \(seconds) s — check the colour bars, the grey ramp and the 1-pixel border…"
        )
    }
}
