import KioskAPI
import KioskCore
import Testing

@Suite("diag's thresholds and fixes")
struct DiagnosticCheckTests {
    @Test("clock: 1 min off is a warning, 5 min is critical, and the direction is said")
    func clock() {
        #expect(DiagnosticCheck.clock(skewSeconds: 12, problem: nil).passed)
        let late = DiagnosticCheck.clock(skewSeconds: -90, problem: nil)
        #expect(!late.passed && late.severity == .warning && late.detail == "90 s behind the backend")
        let wrong = DiagnosticCheck.clock(skewSeconds: 3_600, problem: nil)
        #expect(!wrong.passed && wrong.severity == .critical && wrong.fix?.contains("timedatectl") == true)
    }

    @Test("client certificate: expired is critical, under 30 days a warning, plain http needs none")
    func certificate() {
        #expect(DiagnosticCheck.clientCertificate(daysLeft: 200, path: "/etc/kioskd/tls/kiosk.pem", problem: nil).passed)
        #expect(DiagnosticCheck.clientCertificate(daysLeft: 10, path: "/k.pem", problem: nil).severity == .warning)
        let expired = DiagnosticCheck.clientCertificate(daysLeft: -3, path: "/k.pem", problem: nil)
        #expect(!expired.passed && expired.severity == .critical && expired.detail == "expired 3 days ago")
        #expect(DiagnosticCheck.clientCertificate(daysLeft: nil, path: nil, problem: nil).passed)
    }

    @Test("journal space: under 50 MB critical, under 500 MB a warning")
    func space() {
        #expect(DiagnosticCheck.journalSpace(freeBytes: 2_000_000_000, path: "/j").passed)
        #expect(DiagnosticCheck.journalSpace(freeBytes: 100 * 1_048_576, path: "/j").severity == .warning)
        #expect(DiagnosticCheck.journalSpace(freeBytes: 10 * 1_048_576, path: "/j").severity == .critical)
        #expect(!DiagnosticCheck.journalSpace(freeBytes: nil, path: "/j").passed)
    }

    @Test("printer: paper low is a warning that keeps the kiosk serving; jammed names the cover")
    func printer() {
        var status = DeviceStatus(role: .printer, selector: "auto", state: .online, detail: "ready")
        status.paper = .low
        let low = DiagnosticCheck.printer(status, lastJob: nil)
        #expect(!low.passed && low.severity == .warning)
        status.paper = .jammed
        #expect(DiagnosticCheck.printer(status, lastJob: "#4 aborted").fix?.contains("clear the jam") == true)
        let report = DiagnosticReport(kioskID: "K", mode: .production, generatedAt: "now", checks: [low])
        #expect(report.criticalFailures.isEmpty)
    }
}
