import Foundation
import ArgumentParser
import KioskAPI
import KioskCore
import NIOHTTP1

struct TerminalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal",
        abstract: "The card payment terminal (nexo): reachability, login, the day's settlement, the last card payment.",
        subcommands: [TerminalStatusCommand.self, TerminalLoginCommand.self, TerminalSettleCommand.self, TerminalLastCommand.self]
    )
}

struct TerminalStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Whether the terminal answers, its status, login and last settlement (exit 1 when it does not answer).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report: TerminalReport = try await AdminClient(socketPath: connection.socket).get("/v1/terminal")
        print(output.json ? try JSONOutput.encode(report) : TerminalText.render(report))
        if !report.reachable { throw ExitCode(1) }
    }
}

struct TerminalLoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "login", abstract: "Log in to the terminal now (nexo Login), then show its status.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report: TerminalReport = try await AdminClient(socketPath: connection.socket).get("/v1/terminal/login", method: .POST, timeout: .seconds(60))
        print(output.json ? try JSONOutput.encode(report) : "logged in\n" + TerminalText.render(report))
    }
}

struct TerminalSettleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract: "Run the day's settlement with the acquirer now (nexo Reconciliation); it also runs daily at terminal.settlement_time."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report: TerminalReport = try await AdminClient(socketPath: connection.socket).get("/v1/terminal/settle", method: .POST, timeout: .seconds(60))
        print(output.json ? try JSONOutput.encode(report) : "settled\n" + TerminalText.render(report))
    }
}

struct TerminalLastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "last", abstract: "The newest card payment in the journal (masked card number, approval code, references).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report: TerminalReport = try await AdminClient(socketPath: connection.socket).get("/v1/terminal")
        guard let last = report.lastTransaction else {
            print(output.json ? "null" : "no card payment in the journal")
            return
        }
        print(output.json ? try JSONOutput.encode(last) : TerminalText.render(last))
    }
}

/// How `kioskctl terminal` prints for a technician.
enum TerminalText {
    static func render(_ report: TerminalReport) -> String {
        var lines = ["terminal    \(report.poiID ?? "?") at \(report.address ?? "?")"]
        if report.reachable {
            lines.append("status      \(report.status ?? "OK")\(report.hostReachable == false ? ", acquirer host not reachable" : "")")
        } else {
            lines.append("status      does not answer: \(report.lastError ?? "not checked yet") — check its power, network cable and key; residents can pay by pay code meanwhile")
        }
        lines.append("login       " + (report.loggedInAt.map { "at \(time($0))" } ?? "not logged in"))
        if let settlement = report.lastSettlement {
            lines.append("settlement  \(time(settlement.at)): \(settlement.transactionCount) payments, \(Money(fen: settlement.totalFen)) (id \(settlement.reconciliationID))")
        } else {
            lines.append("settlement  none since kioskd started; daily at \(report.settlementTime ?? "?") China Standard Time")
        }
        if let last = report.lastTransaction { lines.append("last        " + summary(last)) }
        return lines.joined(separator: "\n")
    }

    static func render(_ last: TerminalReport.Transaction) -> String {
        [
            "payment     \(last.key)  \(last.state)  \(Money(fen: last.amountFen))  \(time(last.at))",
            "card        \(last.maskedPAN.map { "银行卡 \($0)" } ?? "—")",
            "approval    \(last.authCode ?? "—")",
            "reference   \(last.terminalReference ?? "—")",
        ].joined(separator: "\n")
    }

    static func summary(_ last: TerminalReport.Transaction) -> String {
        "\(last.key) \(last.state) \(Money(fen: last.amountFen)) \(last.maskedPAN ?? "")"
    }

    static func time(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
