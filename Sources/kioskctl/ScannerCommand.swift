import ArgumentParser
import KioskCore

struct ScannerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanner",
        abstract: "The QR/barcode scanner: which device and mode, and every scan as it happens (masked).",
        subcommands: [ScannerWatchCommand.self, ScannerShowCommand.self]
    )
}

struct ScannerShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The scanner in use, its mode and state.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let info: ScannerInfo = try await AdminClient(socketPath: connection.socket).get("/v1/scanner")
        print(output.json ? try JSONOutput.encode(info) : ScannerText.render(info))
    }
}

struct ScannerWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print the scanner's events as they happen (Ctrl-C stops): attach, detach, each scan classified and masked."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var watch: WatchOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await AdminClient(socketPath: connection.socket).follow("/v1/scanner/watch", as: ScannerWatchEvent.self, count: watch.count) { event in
            output.json ? try JSONOutput.line(event) : ScannerText.render(event)
        }
    }
}
