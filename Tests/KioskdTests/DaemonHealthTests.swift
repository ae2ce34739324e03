import Foundation
import Glibc
import KioskCore
import KioskServer
import KioskSession
import KioskTesting
import Testing

@Suite("/healthz and the watchdog's health: every check named, failures answered 503")
struct DaemonHealthTests {
    @Test("a journal that cannot be read fails the journal check: 503 naming it, the other checks still pass")
    func unreadableJournal() async throws {
        let work = try TemporaryDirectory(prefix: "health")
        defer { work.remove() }
        let journal = try SQLitePaymentJournal(path: work.file("journal.sqlite"))
        let health = DaemonHealth(checks: [.session(clock: ContinuousClock()) {}, .journal(journal, clock: ContinuousClock())])
        #expect(await health.evaluate() == HealthReport(checks: ["session": .init(ok: true), "journal": .init(ok: true)]))

        try journal.close()
        let report = await health.evaluate()
        #expect(!report.isHealthy)
        #expect(report.status == "failing")
        #expect(report.failing == ["journal"])
        #expect(report.checks["session"]?.ok == true)
        let detail = try #require(report.checks["journal"]?.detail)
        #expect(detail.contains("journal.unavailable") || detail.contains("is closed"), "\(detail)")
        let response = try ObservabilityRoutes.healthResponse(report)
        #expect(response.status.code == 503)
    }

    // The probe never answers (an hour): the evaluation returns only because the check's own timeout works;
    // were it waiting for the probe, the time limit would end the test as a failure instead of hanging.
    @Test("a session that does not answer within its timeout fails, and the evaluation still returns", .timeLimit(.minutes(1)))
    func silentSession() async throws {
        let clock = TestClock()
        let health = DaemonHealth(checks: [.session(timeout: .milliseconds(200), clock: clock) { try? await clock.sleep(for: .seconds(3600)) }])
        let evaluation = Task { await health.evaluate() }
        try await clock.waitForSleepers(atLeast: 2)
        clock.advance(by: .milliseconds(200))
        let report = await evaluation.value
        #expect(report.failing == ["session"])
        #expect(report.checks["session"]?.detail?.contains("no answer within") == true, "\(report)")
    }

    @Test("the admin socket check fails where nothing listens and passes where something accepts")
    func adminSocket() async throws {
        let work = try TemporaryDirectory(prefix: "health")
        defer { work.remove() }
        let missing = await DaemonHealth(checks: [.adminSocket(path: work.file("nothing.sock"), clock: ContinuousClock())]).evaluate()
        #expect(missing.failing == ["admin_socket"])

        let path = work.file("admin.sock")
        let listener = try Self.listen(path)
        defer { close(listener) }
        let listening = await DaemonHealth(checks: [.adminSocket(path: path, clock: ContinuousClock())]).evaluate()
        #expect(listening.isHealthy, "\(listening)")
    }

    @Test("the report is the JSON /healthz answers: status and checks")
    func reportJSON() throws {
        let report = HealthReport(checks: ["journal": .init(ok: false, detail: "closed"), "session": .init(ok: true)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(json == #"{"checks":{"journal":{"detail":"closed","ok":false},"session":{"ok":true}},"status":"failing"}"#)
        #expect(report.httpStatus == 503)
        #expect(HealthReport(checks: ["session": .init(ok: true)]).httpStatus == 200)
    }

    @Test("device gauges: 1 for online or busy, 0 otherwise, one per role, in the Prometheus text")
    func deviceGauges() {
        let metrics = KioskMetrics()
        metrics.record(devices: [
            DeviceStatus(role: .sscReader, selector: "auto", state: .online, detail: ""),
            DeviceStatus(role: .idcardReader, selector: "auto", state: .noDevice, detail: ""),
            DeviceStatus(role: .scanner, selector: "auto", state: .busy, detail: ""),
            DeviceStatus(role: .printer, selector: "auto", state: .userError, detail: "media-empty"),
        ])
        let lines = Set(metrics.exposition().split(separator: "\n").map(String.init))
        #expect(lines.contains("# TYPE kiosk_device_up gauge"))
        for (role, value) in [("sscReader", "1.0"), ("idcardReader", "0.0"), ("scanner", "1.0"), ("printer", "0.0")] {
            #expect(lines.contains(#"kiosk_device_up{role="\#(role)"} \#(value)"#), "\(lines.sorted())")
        }
    }

    /// A unix socket that accepts connections (the kernel completes them in its backlog).
    static func listen(_ path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 4) == 0 else {
            close(descriptor)
            throw TestFixtureError("bind/listen on \(path): errno \(errno)")
        }
        return descriptor
    }
}
