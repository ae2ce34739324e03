import Foundation
import Glibc
import KioskCore
import KioskTesting
import Testing

/// The admin API's audit trail: one `kioskd.audit` line per changing request, and per read that can
/// show holder or scan data, naming the caller from the socket's peer credentials; other reads leave none.
@Suite("kioskd audits admin actions with the caller's uid, gid and pid")
struct AdminAuditTests {
    @Test("POSTs are audited with this process's uid, gid and pid, the action, the status and the time taken; GETs are not; no body is logged")
    func postsAreAuditedGetsAreNot() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd said:\n\(fixture.daemon.standardOutput)")
        #expect(fixture.auditLines.isEmpty)

        let reason = "更换打印纸 audit-\(UUID().uuidString.prefix(8))"
        let on = try AdminSocketHTTP.request(socket: fixture.socketPath, "POST", "/v1/maintenance", body: #"{"on":true,"reason":"\#(reason)"}"#)
        #expect(on.status == 200, "\(on.body)")
        let refused = try AdminSocketHTTP.request(socket: fixture.socketPath, "POST", "/v1/maintenance", body: #"{"on":true}"#)
        #expect(refused.status == 400)
        try await waitUntil("both requests are audited") { fixture.auditLines.count >= 2 }

        let caller = "gid=\(getgid()) outcome=200 pid=\(getpid()) uid=\(getuid())"
        let lines = fixture.auditLines
        #expect(lines.count == 2, "\(lines)")
        #expect(lines[0].contains(" notice kioskd.audit: action=POST /v1/maintenance duration_ms="), "\(lines[0])")
        #expect(lines[0].contains(caller) && lines[0].hasSuffix("admin action"), "\(lines[0])")
        #expect(lines[1].contains("action=POST /v1/maintenance") && lines[1].contains("outcome=400 pid=\(getpid()) uid=\(getuid())"), "\(lines[1])")
        #expect(!fixture.daemon.standardOutput.contains(reason), "the request's body reached kioskd's log")

        // Read-only requests leave no line: the API's GETs, and kioskctl's.
        for path in ["/v1/maintenance", "/v1/status", "/healthz"] {
            #expect(try AdminSocketHTTP.request(socket: fixture.socketPath, "GET", path).status == 200, "\(path)")
        }
        let status = try await fixture.kioskctl(["status", "--socket", fixture.socketPath])
        #expect(status.status == 0)
        let show = try await fixture.kioskctl(["maintenance", "--socket", fixture.socketPath])
        #expect(show.output.contains(reason))

        // kioskctl is audited as itself: its own pid.
        let off = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["maintenance", "off", "--socket", fixture.socketPath], workDirectory: fixture.work)
        defer { off.stop() }
        #expect(await off.waitForExit(timeout: .seconds(15)) == 0, "kioskctl: \(off.standardError)")
        try await waitUntil("kioskctl's request is audited") { fixture.auditLines.count >= 3 }
        #expect(fixture.auditLines.count == 3, "GETs were audited: \(fixture.auditLines)")
        let last = try #require(fixture.auditLines.last)
        #expect(last.contains("action=POST /v1/maintenance") && last.contains("outcome=200 pid=\(off.pid) uid=\(getuid())"), "\(last)")

        // A POST to no route is audited without its path.
        let nowhere = try AdminSocketHTTP.request(socket: fixture.socketPath, "POST", "/v1/nothing/3206021960051202")
        #expect(nowhere.status == 404)
        try await waitUntil("the unknown POST is audited") { fixture.auditLines.count >= 4 }
        let unknown = try #require(fixture.auditLines.last)
        // Hummingbird names the route of a request no route matched "NotFound".
        #expect(unknown.contains("action=POST NotFound") && unknown.contains("outcome=404"), "\(unknown)")
        #expect(!unknown.contains("3206021960051202"))

        // A read that can show holder data is audited like a change (this kiosk has no reader: 503).
        #expect(try AdminSocketHTTP.request(socket: fixture.socketPath, "GET", "/v1/cards/read").status == 503)
        try await waitUntil("the card read is audited") { fixture.auditLines.count >= 5 }
        let read = try #require(fixture.auditLines.last)
        #expect(read.contains("action=GET /v1/cards/read") && read.contains("outcome=503 pid=\(getpid()) uid=\(getuid())"), "\(read)")
    }
}
