import KioskAPI
import KioskCore

/// `kioskctl selftest printer`: prints the technician test page (as `printer test` does) and
/// waits until the printer reports it completed — when the printer says it can print at all.
struct PrinterSelftest {
    let printer: any PrinterDiagnostics

    func run() async -> SelftestReport {
        // A printer that says it cannot print (paper out, jammed, stopped) would hold the test page
        // and print it later by surprise: it fails at once with the fix instead.
        let before = await printer.printerInfo()
        guard before.canPrint else {
            let code = before.problem.flatMap(KioskError.Code.init(rawValue:)) ?? .printerOffline
            return SelftestReport(device: .printer, passed: false, summary: "the printer cannot print now, so no test page was sent", printer: before,
                                  problem: AdminProblem(code: code.rawValue, message: before.status.detail), fix: Self.fix(code, before))
        }
        do throws(KioskError) {
            let info = try await printer.printTestPage()
            let job = info.lastJob.map { " (job \($0.id) \($0.state))" } ?? ""
            return SelftestReport(device: .printer, passed: true, summary: "test page printed\(job)", printer: info)
        } catch {
            let info = await printer.printerInfo()
            return SelftestReport(device: .printer, passed: false, summary: "the test page did not print", printer: info,
                                  problem: AdminProblem(code: error.code.rawValue, message: error.message), fix: Self.fix(error.code, info))
        }
    }

    static func fix(_ code: KioskError.Code, _ info: PrinterInfo) -> String {
        switch info.status.paper {
        case .out: return "load a \(info.paperWidthMillimetres) mm roll, then print the test page again"
        case .jammed: return "open the printer, clear the jam and close it, then print the test page again"
        default: break
        }
        switch code {
        case .printerPaperOut: return "load a \(info.paperWidthMillimetres) mm roll, then print the test page again"
        case .printerJammed: return "open the printer, clear the jam and close it, then print the test page again"
        case .printerOffline: return "switch the printer on and check its cable; the CUPS queue must be enabled and accepting jobs (cupsenable, cupsaccept)"
        case .printerUnreachable: return "kioskd cannot reach the printer \(info.status.selector): check CUPS (lpstat -p) and the printer's power and cable"
        case .printerRenderFailed: return "the test page could not be rendered: check devices.printer_model and its file in Devices/printers"
        default: return "check the printer's power, cable and paper, and its CUPS queue (lpstat -p); kioskctl printer status shows its state"
        }
    }
}
