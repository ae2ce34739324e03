import ArgumentParser
import KioskCore

@main
struct KioskSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-sim",
        abstract: "Simulated kiosk devices for test stacks and technicians: virtual cards in pcscd's vpcd reader, a serial ID-card reader, a virtual PIN pad on the network.",
        version: KioskVersion.current,
        subcommands: [CardCommand.self, SerialIDCardReaderCommand.self, TerminalCommand.self]
    )
}

struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Insert, remove and check virtual cards (card files: Devices/cards/*.toml).",
        subcommands: [CardInsertCommand.self, CardRemoveCommand.self, CardCheckCommand.self]
    )
}

/// sysexits(3) codes the commands exit with.
enum SimExitCode {
    static let dataError = ExitCode(65)
    static let unavailable = ExitCode(69)
    static let cannotCreate = ExitCode(73)
}
