import Foundation
import KioskAPI
import KioskCore
import KioskTesting

/// A kioskd under test, spawned (`DaemonFixture`) or built in this process (`InProcessKiosk`): its
/// configuration file and admin socket, which kioskctl and the tests' own requests use.
protocol KioskUnderTest: Sendable {
    var work: TemporaryDirectory { get }
    var configPath: String { get }
    var socketPath: String { get }
    /// What kioskd has logged so far.
    var logText: String { get }
}

extension KioskUnderTest {
    func kioskctl(_ arguments: [String]) async throws -> (status: Int32, output: String, error: String) {
        try await ChildProcess.run(RepositoryPaths.binary("kioskctl"), arguments, workDirectory: work)
    }

    func status() async throws -> KioskStatus {
        let result = try await kioskctl(["status", "--json", "--socket", socketPath])
        guard result.status == 0 else { throw TestFixtureError("kioskctl status failed (\(result.status)): \(result.error)") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(KioskStatus.self, from: Data(result.output.utf8))
    }

    /// kioskd's `kioskd.audit` log lines so far.
    var auditLines: [Substring] {
        logText.split(separator: "\n").filter { $0.contains(" kioskd.audit:") }
    }
}

extension DaemonFixture: KioskUnderTest {
    var logText: String { daemon.standardOutput }
}
