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

/// A kioskd process started by a test: its own configuration, admin socket and notify socket. For
/// what only a process shows (signals, sd_notify, exit codes, socket activation, real devices).
final class DaemonFixture: KioskUnderTest, @unchecked Sendable {
    let work: TemporaryDirectory
    let configPath: String
    let socketPath: String
    let notify: NotifySocket
    let daemon: ChildProcess

    /// `configuration` makes the kiosk.conf from the admin socket's path; default: `configuration(version: 1, …)`.
    init(extraEnvironment: [String: String] = [:], arguments: [String] = [], configuration: ((String) -> String)? = nil) throws {
        work = try TemporaryDirectory(prefix: "kioskd")
        socketPath = work.file("admin.sock")
        configPath = try work.write("kiosk.conf", configuration?(socketPath) ?? Self.configuration(version: 1, socketPath: socketPath))
        notify = try NotifySocket(directory: work)
        daemon = try ChildProcess(
            RepositoryPaths.binary("kioskd"), ["--config", configPath] + arguments,
            environment: ["NOTIFY_SOCKET": notify.path].merging(extraEnvironment) { _, new in new },
            workDirectory: work
        )
    }

    static func configuration(version: Int, socketPath: String) -> String {
        TestKioskConf.text(version: version, socketPath: socketPath)
    }

    var logText: String { daemon.standardOutput }

    func stop() {
        daemon.stop()
        work.remove()
    }
}
