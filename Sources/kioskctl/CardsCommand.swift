import ArgumentParser
import Foundation
import KioskCore
import NIOCore
import NIOFoundationCompat

struct CardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cards",
        abstract: "The card readers: watch insertions (like pcsc_scan), read a card (masked), list readers.",
        subcommands: [CardsWatchCommand.self, CardsReadCommand.self, CardsReadersCommand.self]
    )
}

struct CardsReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read the card in a reader and print its holder data, masked (exit 1 when it cannot be read)."
    )

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .long, help: "Reader name or pattern (* and ?); default: the SSC slot if it holds a card, else the ID-card slot.")
    var reader: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var path = "/v1/cards/read"
        if let reader {
            path += "?reader=" + (reader.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? reader)
        }
        let report: CardReport = try await AdminClient(socketPath: connection.socket).get(path, timeout: .seconds(60))
        print(output.json ? try JSONOutput.encode(report) : CardText.render(report))
    }
}

struct CardsReadersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "readers", abstract: "The readers pcscd has, their slot and card.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let readers: [CardReaderInfo] = try await AdminClient(socketPath: connection.socket).get("/v1/cards/readers")
        if output.json {
            print(try JSONOutput.encode(readers))
            return
        }
        if readers.isEmpty { print("no readers (is pcscd running, and is the reader plugged in?)") }
        for reader in readers {
            let card = reader.cardPresent ? "card \(reader.atr.map { "ATR \($0)" } ?? "present")" : "no card"
            print("\(reader.name)  [\(reader.role ?? "not used")]  \(card)")
        }
    }
}

struct CardsWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print reader and card events as they happen (Ctrl-C stops), each card read and masked."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var watch: WatchOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await AdminClient(socketPath: connection.socket).follow("/v1/cards/watch", as: CardWatchEvent.self, count: watch.count) { event in
            output.json ? try JSONOutput.line(event) : CardText.render(event)
        }
    }
}
