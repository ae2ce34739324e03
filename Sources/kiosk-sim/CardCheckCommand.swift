import KioskConfig
import ArgumentParser
import KioskSimulators

struct CardCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a card file and print a masked summary.",
        discussion: "Exits 65 with every problem when the file is invalid."
    )

    @Argument(help: "The card file (TOML).")
    var file: String

    func run() throws {
        do {
            let card = try VirtualCardFile.load(path: file)
            for line in CardSummary(card).lines { ConsoleOutput.line(line) }
        } catch {
            ConsoleOutput.error(error.description)
            throw SimExitCode.dataError
        }
    }
}
