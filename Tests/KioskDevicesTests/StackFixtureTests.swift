import Foundation
import KioskTesting
import Testing

/// The test stacks themselves: what they start is valid for the installed packages, and a daemon
/// that dies at start is reported with its exit status and log, not as a symptom.
@Suite("test stacks: valid for the installed packages, and a dying daemon says why")
struct StackFixtureTests {
    @Test("the installed cupsd accepts the private CUPS stack's configuration (cupsd -t, cupsd.conf(5))")
    func cupsConfigurationIsValid() async throws {
        try await PrivateCUPSStack.checkConfiguration()
    }

    @Test("a daemon that exits before it is ready: its exit status and the end of its log, at once")
    func exitedEarlyIsReported() async throws {
        let directory = try TemporaryDirectory(prefix: "stack-fixture")
        defer { directory.remove() }
        let log = directory.file("daemon.log")
        let process = try SpawnedProcess("/bin/sh", ["-c", "echo 'Unknown directive JobPrivateAccess on line 9' >&2; exit 3"],
                                         environment: [:], outputPath: log, errorPath: log)
        // A timeout would throw TestFixtureError instead: the exit is reported as it happens.
        do {
            try await process.waitUntilReady("test-daemon", waitingFor: "never", timeout: .seconds(600), log: { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }) {
                false
            }
            Issue.record("a daemon that exited was taken as ready")
        } catch let exited as ProcessExitedEarly {
            #expect(exited.status == 3)
            #expect(exited.log.contains("Unknown directive JobPrivateAccess"))
            #expect("\(exited)".contains("test-daemon exited with status 3"))
            #expect(!exited.lostItsPort)
        }
    }
}
