import KioskAPI
import KioskCore

/// The failures every self-test shares.
enum SelftestOutcome {
    static func timedOut(_ device: SelftestReport.Device, _ summary: String, fix: String) -> SelftestReport {
        SelftestReport(device: device, passed: false, summary: summary, problem: AdminProblem(code: KioskError.Code.selftestTimeout.rawValue, message: summary), fix: fix)
    }

    /// kioskd is stopping: its device streams ended before the technician's time was up.
    static func interrupted(_ device: SelftestReport.Device) -> SelftestReport {
        let summary = "kioskd stopped before the test ended (it is shutting down or restarting)"
        return SelftestReport(device: device, passed: false, summary: summary, problem: AdminProblem(code: KioskError.Code.selftestInterrupted.rawValue, message: summary),
                              fix: "wait until kioskctl status answers again, then repeat the test")
    }
}
