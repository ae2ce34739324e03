import Foundation
import KioskConfig
import KioskCore
import KioskRuntime
import KioskServer
import KioskSession
import KioskTesting
import Logging
import ServiceLifecycle

/// The kiosk `kioskd --demo` runs (or, without `demo`, the production one on simulated devices), built
/// in this test process by the same `buildKiosk` on a `TestClock`: its admin socket, resident screen
/// and session are the real ones, and the test moves time instead of waiting for it.
final class InProcessKiosk: KioskUnderTest, @unchecked Sendable {
    let work: TemporaryDirectory
    let configPath: String
    let socketPath: String
    let clock = TestClock()
    let kiosk: Kiosk
    /// The resident screen's port (`[ui] listen` is port 0).
    let uiPort: Int
    private let log: LogRecorder.Lines
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    var logText: String { log.text }
    var session: SessionController? { kiosk.session }

    /// `environment` holds kiosk.conf overrides (`KIOSK_<SECTION>_<KEY>`) and the technician PIN's
    /// credential, as kioskd's environment would. Without `demo` the kiosk runs as in production —
    /// no demo controls, the configured backend (unreachable on loopback port 9) — on the same
    /// simulated devices.
    init(environment: [String: String] = [:], demo: Bool = true) async throws {
        work = try TemporaryDirectory(prefix: "kioskd-inprocess")
        socketPath = work.file("admin.sock")
        configPath = try work.write("kiosk.conf", DaemonFixture.configuration(version: 1, socketPath: socketPath))
        let log = LogRecorder.Lines()
        let logger = LogRecorder.logger("kioskd", lines: log, logLevel: .info)
        let loaded = try LoadedConfiguration.load(path: configPath, environment: environment)
        let sandbox = RepositoryPaths.root + "/Sources/SandboxBackend/Data/residents.toml"
        kiosk = try await buildKiosk(
            configuration: loaded, devices: .simulated(),
            backend: demo ? .embeddedSandbox(residentsFile: sandbox, policyDirectory: RepositoryPaths.root + "/Sources/ContributionPolicy/Policies", today: nil)
                : .configured,
            journal: try SQLitePaymentJournal(path: loaded.configuration.journal.path), clock: clock, metrics: KioskMetrics(),
            logger: logger, audit: LogRecorder.logger("kioskd.audit", lines: log, logLevel: .info)
        )
        self.log = log
        let kiosk = kiosk
        group = ServiceGroup(configuration: .init(services: [kiosk], logger: logger))
        running = Task { [group] in try await group.run() }
        uiPort = await kiosk.ready()
    }

    /// Runs `body` on a kiosk built for it, then stops the kiosk, also when `body` fails; a kiosk that
    /// does not stop cleanly fails the test.
    static func with(environment: [String: String] = [:], demo: Bool = true, _ body: (InProcessKiosk) async throws -> Void) async throws {
        let kiosk = try await InProcessKiosk(environment: environment, demo: demo)
        do {
            try await body(kiosk)
        } catch {
            await kiosk.stop()
            throw error
        }
        if let error = await kiosk.stop() { throw TestFixtureError("the kiosk did not stop cleanly: \(error)\n\(kiosk.logText.suffix(3000))") }
    }

    /// Stops every service as SIGTERM would and waits for the kiosk to close its journal; what ended
    /// the run (nil when it stopped cleanly).
    /// A kiosk still running `stopLimit` after the request (a safety net, not a timing) is cancelled
    /// and reported as one that did not stop.
    @discardableResult
    func stop(stopLimit: Duration = .seconds(60)) async -> (any Error)? {
        await group.triggerGracefulShutdown()
        let running = running
        let stopped = await withTaskGroup(of: Bool.self) { race in
            race.addTask { _ = await running.result; return true }
            race.addTask {
                try? await Task.sleep(for: stopLimit)
                running.cancel()
                return false
            }
            defer { race.cancelAll() }
            return await race.next() ?? false
        }
        defer { work.remove() }
        guard stopped else {
            return TestFixtureError("the kiosk was still running \(stopLimit) after a graceful shutdown was asked for")
        }
        if case .failure(let error) = await running.result { return error }
        return nil
    }

    /// Advances the test clock in `step`s, each once the kiosk's timers sleep on it, until `condition`
    /// holds; fails after `limit` of test time, naming what it waited for.
    func advance(until what: String, step: Duration = .seconds(1), limit: Duration = .seconds(600),
                 _ condition: @Sendable () async throws -> Bool) async throws {
        var advanced = Duration.zero
        while try await !condition() {
            guard advanced < limit else { throw TestFixtureError("still not \(what) after \(limit) of test time; kioskd said:\n\(logText.suffix(3000))") }
            try await clock.waitForSleepers()
            clock.advance(by: step)
            advanced += step
        }
    }
}
