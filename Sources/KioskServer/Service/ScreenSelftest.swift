import KioskAPI
import KioskCore

/// `kioskctl selftest screen`: the test pattern on the resident screen for a few seconds, passed
/// when a page answers with its measured size. Refused while a resident is being served.
struct ScreenSelftest {
    static let secondsAllowed = 1...60

    let tools: ResidentServiceTools
    let seconds: Int

    func run() async -> SelftestReport {
        guard await tools.noResidentServed() else {
            let message = "a resident is being served, so the test pattern was not shown"
            return SelftestReport(device: .screen, passed: false, summary: message,
                                  problem: AdminProblem(code: KioskError.Code.selftestResidentServed.rawValue, message: message),
                                  fix: "wait until the resident has finished (the screen shows 城乡居民医保缴费 again), or run kioskctl maintenance on --reason … first")
        }
        guard let screen = await tools.overlays.showTestPattern(seconds: seconds, kioskID: tools.kioskID) else {
            let message = "no screen answered within \(seconds) s"
            return SelftestReport(device: .screen, passed: false, summary: message,
                                  problem: AdminProblem(code: KioskError.Code.selftestScreenSilent.rawValue, message: message),
                                  fix: "is kiosk-browser.service running? `systemctl status kiosk-browser`")
        }
        return SelftestReport(device: .screen, passed: true, summary: "the screen answered: \(screen.text)", screen: screen)
    }
}
