import ArgumentParser
import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import NIOCore
import NIOFoundationCompat

struct ConfigPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send a signed bundle to one kiosk (its admin socket), or publish it on the backend for the fleet (--backend).",
        discussion: "To a kiosk: it is verified at once (key, signature, expiry, target, version, content) and applied once no resident is being served; with --wait, kioskctl follows it until it is healthy (exit 0) or refused or rolled back (exit 1). To the backend: kiosks take it at their next poll."
    )

    @Argument(help: "The bundle (from `kioskctl config sign`).")
    var bundle: String
    @Option(name: .long, help: "Publish on this backend (the sandbox's server root, e.g. http://127.0.0.1:8443) instead of sending to a kiosk.")
    var backend: String?
    @Flag(name: .long, help: "Follow the kiosk until the bundle is healthy, refused or rolled back.")
    var wait = false
    @Option(name: .long, help: "With --wait: seconds to follow it.")
    var timeout: Int = 300
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: bundle) else { throw ValidationError("\(bundle): cannot read it") }
        let decoded = try ConfigBundle.decode(data)
        let version = try decoded.unverifiedManifest().version
        if let backend {
            try await publish(decoded, on: backend)
            return
        }
        let client = AdminClient(socketPath: connection.socket)
        let accepted: (status: UInt, answer: ConfigurationStatus) = try await client.post("/v1/config/bundle", json: decoded, accepting: [202])
        if !wait {
            print(output.json ? try JSONOutput.encode(accepted.answer) : "version \(version) accepted: \(ConfigText.progress(accepted.answer, version: version))")
            return
        }
        if !output.json { print("version \(version) accepted: \(ConfigText.progress(accepted.answer, version: version))") }
        let final = try await follow(client, version: version)
        print(output.json ? try JSONOutput.encode(final) : ConfigText.outcome(final, version: version))
        if !(final.version == version && final.state == .healthy) { throw ExitCode(1) }
    }

    private func follow(_ client: AdminClient, version: Int) async throws -> ConfigurationStatus {
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        var said = ""
        while true {
            let status: ConfigurationStatus = try await client.get("/v1/config")
            if status.isSettled, status.version == version || status.highestVersion >= version { return status }
            let line = ConfigText.progress(status, version: version)
            if line != said, !output.json { print(line) }
            said = line
            guard Date() < deadline else { throw AdminClientError("version \(version) not settled after \(timeout) s: \(line)") }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    private func publish(_ bundle: ConfigBundle, on url: String) async throws {
        let backend = FleetBackend(url)
        let answer = try await backend.send("/sandbox/fleet/bundles", method: .PUT, body: bundle.encoded())
        guard answer.status == 201 else {
            let refusal = try? JSONDecoder().decode(AdminProblem.self, from: Data(buffer: answer.body))
            throw AdminClientError("the backend refused the bundle: \(refusal.map { "\($0.message) [\($0.code)]" } ?? String(buffer: answer.body))")
        }
        print(output.json ? String(buffer: answer.body) : "published on \(backend.root): kiosks take it at their next poll (`kioskctl config pull` on a kiosk: at once)")
    }
}

struct ConfigPullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Make the kiosk ask the backend for its desired configuration now instead of at its next poll."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let answer: (status: UInt, answer: ConfigurationStatus) = try await AdminClient(socketPath: connection.socket)
            .post("/v1/config/pull", accepting: [202], timeout: .seconds(60))
        print(output.json ? try JSONOutput.encode(answer.answer) : ConfigText.render(answer.answer))
    }
}

struct ConfigRollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Go back to the version that ran before the current one (once no resident is being served)."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = AdminClient(socketPath: connection.socket)
        let answer: (status: UInt, answer: ConfigurationStatus) = try await client.post("/v1/config/rollback", accepting: [202])
        print(output.json ? try JSONOutput.encode(answer.answer) : "rollback from version \(answer.answer.version) requested: it happens once no resident is being served")
    }
}
