import ArgumentParser
import KioskCore
import NIOHTTP1

struct PrinterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer",
        abstract: "The receipt printer: state, paper and last job; print the technician test page.",
        subcommands: [PrinterStatusCommand.self, PrinterTestCommand.self]
    )
}

struct PrinterStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "The printer's state, paper, whether a receipt could be printed now, and its last job.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let info: PrinterInfo = try await AdminClient(socketPath: connection.socket).get("/v1/printer")
        print(output.json ? try JSONOutput.encode(info) : PrinterText.render(info))
        if !info.canPrint { throw ExitCode(1) }
    }
}

struct PrinterTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Print the test page and wait until the printer reports it completed (exit 1 when it does not)."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let info: PrinterInfo = try await AdminClient(socketPath: connection.socket).get("/v1/printer/test", method: .POST, timeout: .seconds(330))
        print(output.json ? try JSONOutput.encode(info) : "test page printed\n" + PrinterText.render(info))
    }
}
