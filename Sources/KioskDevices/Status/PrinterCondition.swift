import KioskConfig
import KioskCore

/// The one reading of an IPP printer's state: XFS4IoT status for technicians (`kioskctl status`)
/// and readiness for the session, so both always agree on what a printer-state-reason means.
struct PrinterCondition: Equatable {
    var deviceState: DeviceState
    var requiredAction: RequiredAction?
    var paper: PaperSupply
    /// Why no receipt can be printed now, or nil when one can.
    var problem: KioskError.Code?
    /// Make and model, then the reasons; "printer stopped" / "not accepting jobs" when nothing else says so.
    var detail: String

    init(_ printer: IPPPrinterState) {
        let reasons = Set(printer.reasons)
        var detail = ([printer.makeAndModel.isEmpty ? nil : printer.makeAndModel] + [printer.reasons.isEmpty ? nil : printer.reasons.joined(separator: ", ")])
            .compactMap { $0 }.joined(separator: "; ")
        var paper: PaperSupply = reasons.contains("media-empty") || reasons.contains("media-needed") ? .out : reasons.contains("media-low") ? .low : .full
        let verdict: (state: DeviceState, action: RequiredAction?, problem: KioskError.Code?)
        if reasons.contains("media-jam") {
            paper = .jammed
            verdict = (.hardwareError, .clear, .printerJammed)
        } else if paper == .out {
            verdict = (.userError, .maintenance, .printerPaperOut)
        } else if printer.state == 5 {
            verdict = (.hardwareError, .reset, .printerOffline)
            if printer.reasons.isEmpty { detail = detail.isEmpty ? "printer stopped" : detail + "; printer stopped" }
        } else if !printer.isAcceptingJobs {
            verdict = (.offline, .maintenance, .printerOffline)
            detail = detail.isEmpty ? "not accepting jobs" : detail + "; not accepting jobs"
        } else {
            verdict = (printer.state == 4 ? .busy : .online, nil, nil)
        }
        deviceState = verdict.state
        requiredAction = verdict.action
        problem = verdict.problem
        self.paper = paper
        self.detail = detail
    }

    var readiness: PrinterReadiness {
        guard let problem else { return .ready(paper: paper) }
        return .unable(problem, paper: paper)
    }

    func deviceStatus(selector: PrinterSelector) -> DeviceStatus {
        var status = DeviceStatus(role: .printer, selector: selector.description, state: deviceState, requiredAction: requiredAction, detail: detail)
        status.paper = paper
        return status
    }
}
