import ArgumentParser
import KioskAPI
import KioskCore

@main
struct KioskCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskctl",
        abstract: "Technician and operator tool for a kioskd kiosk (talks to its admin socket).",
        version: KioskVersion.current,
        subcommands: [StatusCommand.self, DiagCommand.self, CardsCommand.self, ScannerCommand.self, PrinterCommand.self, TerminalCommand.self, MaintenanceCommand.self, SelftestCommand.self, PinCommand.self, ConfigCommand.self]
    )
}

/// Options every command that talks to kioskd shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "Admin socket of the kiosk to talk to.")
    var socket: String = "/run/kioskd/admin.sock"
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for fleet tooling instead of text.")
    var json = false
}

/// `--count` of the `… watch` commands.
struct WatchOptions: ParsableArguments {
    @Option(name: .long, help: "Stop after this many events.")
    var count: Int?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count \(count): must be at least 1") }
    }
}
