import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskTesting
import Testing

/// `kioskctl config …` against a kioskd under test.
extension KioskUnderTest {
    /// Pushes a bundle with kioskctl (through a file, as an operator does).
    func push(_ bundle: ConfigBundle, wait: Bool = false) async throws -> (status: Int32, output: String, error: String) {
        let path = try work.write("bundle-\(UUID().uuidString.prefix(8)).json", String(decoding: bundle.encoded(), as: UTF8.self))
        return try await kioskctl(["config", "push", path, "--socket", socketPath] + (wait ? ["--wait", "--timeout", "90"] : []))
    }

    func configStatus() async throws -> ConfigurationStatus {
        try await decoded(["config", "show", "--json", "--socket", socketPath])
    }

    func configHistory() async throws -> [ConfigHistoryEntry] {
        try await decoded(["config", "history", "--json", "--socket", socketPath])
    }

    func configFile() throws -> String {
        try String(contentsOfFile: configPath, encoding: .utf8)
    }

    private func decoded<T: Decodable>(_ arguments: [String]) async throws -> T {
        let result = try await kioskctl(arguments)
        guard result.status == 0 else { throw TestFixtureError("kioskctl \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.error)") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(result.output.utf8))
    }

    /// Waits until the configuration settles (nothing pending or being checked) and returns it.
    func settledConfig(timeout: Duration = .seconds(60)) async throws -> ConfigurationStatus {
        try await waitUntil("the configuration settles", timeout: timeout, poll: .milliseconds(200)) { try await self.configStatus().isSettled }
        return try await configStatus()
    }
}

extension DaemonFixture {
    /// After the fixture's kioskd was killed: another one on the same files, announcing READY on the same socket.
    func startAgain(environment: [String: String], arguments: [String] = []) throws -> ChildProcess {
        try ChildProcess(RepositoryPaths.binary("kioskd"), ["--config", configPath] + arguments,
                         environment: environment.merging(["NOTIFY_SOCKET": notify.path]) { $1 }, workDirectory: work)
    }
}
