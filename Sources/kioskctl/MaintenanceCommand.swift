import ArgumentParser
import KioskAPI
import KioskCore

struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Maintenance mode: the kiosk shows 设备维护中 and takes no resident (once the current one is done).",
        discussion: "Without a subcommand, shows whether maintenance is off, pending or on. Maintenance lasts until turned off or kioskd restarts.",
        subcommands: [MaintenanceShowCommand.self, MaintenanceOnCommand.self, MaintenanceOffCommand.self],
        defaultSubcommand: MaintenanceShowCommand.self
    )
}

struct MaintenanceShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Whether maintenance is off, pending or on, why and since when.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let status: MaintenanceStatus = try await AdminClient(socketPath: connection.socket).get("/v1/maintenance")
        print(output.json ? try JSONOutput.encode(status) : MaintenanceText.render(status))
    }
}

struct MaintenanceOnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "on",
        abstract: "Take the kiosk out of service for maintenance; a resident being served finishes first."
    )

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .long, help: "What is being done, shown by kioskctl status (1–200 characters, one line), e.g. \"更换打印纸\".")
    var reason: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let change: (status: UInt, answer: MaintenanceChange) = try await AdminClient(socketPath: connection.socket)
            .post("/v1/maintenance", json: MaintenanceRequest(on: true, reason: reason))
        print(output.json ? try JSONOutput.encode(change.answer) : MaintenanceText.render(change.answer))
    }
}

struct MaintenanceOffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "off", abstract: "End maintenance: the kiosk takes residents again.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let change: (status: UInt, answer: MaintenanceChange) = try await AdminClient(socketPath: connection.socket)
            .post("/v1/maintenance", json: MaintenanceRequest(on: false))
        print(output.json ? try JSONOutput.encode(change.answer) : MaintenanceText.render(change.answer))
    }
}
