import ArgumentParser
import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import NIOCore
import NIOFoundationCompat

struct ConfigShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The version the kiosk runs, where it came from, how the last change went, and what the backend offers."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let status: ConfigurationStatus = try await AdminClient(socketPath: connection.socket).get("/v1/config")
        print(output.json ? try JSONOutput.encode(status) : ConfigText.render(status))
    }
}

struct ConfigHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every configuration change of this kiosk: accepted, applied, healthy, refused, rolled back, reloaded."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let entries: [ConfigHistoryEntry] = try await AdminClient(socketPath: connection.socket).get("/v1/config/history")
        if output.json {
            print(try JSONOutput.encode(entries))
        } else if entries.isEmpty {
            print("no configuration change recorded yet")
        } else {
            for entry in entries { print(ConfigText.line(entry)) }
        }
    }
}

struct ConfigDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What a kiosk.conf or a bundle would change in the kiosk's running configuration, key by key.",
        discussion: "A bundle's signature is not checked here (the kiosk checks it when it is pushed); exit 1 when there are differences."
    )

    @Argument(help: "A kiosk.conf, or a bundle (.json).")
    var file: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot read it") }
        let proposed: String
        if data.first == UInt8(ascii: "{") {
            proposed = try ConfigBundle.decode(data).unverifiedManifest().configuration
        } else {
            proposed = String(decoding: data, as: UTF8.self)
        }
        let response = try await AdminClient(socketPath: connection.socket).send("/v1/config/document", timeout: .seconds(15))
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status == .ok else { throw AdminClient.failure("/v1/config/document", response.status.code, body) }
        let diff = try ConfigKeyDiff(old: String(buffer: body), new: proposed)
        if output.json {
            print(try JSONOutput.encode(diff.changes))
        } else {
            print(diff.changes.isEmpty ? "no differences" : diff.lines.joined(separator: "\n"))
        }
        if !diff.changes.isEmpty { throw ExitCode(1) }
    }
}

struct ConfigTwinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twin",
        abstract: "The backend's view of one kiosk: the desired bundle against the version and health the kiosk reported."
    )

    @Argument(help: "The kiosk id.")
    var kiosk: String
    @Option(name: .long, help: "The backend's server root, e.g. http://127.0.0.1:8443.")
    var backend: String
    @Option(name: .long, help: "The kiosk's region, for bundles aimed at a region.")
    var region: String?

    func run() async throws {
        let answer = try await FleetBackend(backend).send("/sandbox/fleet/kiosks/\(kiosk)" + (region.map { "?region=\($0)" } ?? ""))
        guard answer.status == 200 else { throw AdminClientError("the backend answered \(answer.status): \(String(buffer: answer.body))") }
        print(String(buffer: answer.body))
    }
}
