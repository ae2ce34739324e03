import KioskCore
@testable import KioskDevices
import Testing

/// The one reading of printer-state and its reasons, shared by `status()` and `readiness()`.
@Suite("PrinterCondition: printer state → XFS4IoT status and readiness")
struct PrinterConditionTests {
    typealias State = IPPPrinterState

    @Test("each state reads the same way for technicians and for the session", arguments: [
        (State(state: 3, reasons: [], makeAndModel: "M"), DeviceState.online, PrinterReadiness.ready(paper: .full)),
        (State(state: 4, reasons: ["media-low"], makeAndModel: "M"), .busy, .ready(paper: .low)),
        (State(state: 3, reasons: ["media-empty", "media-needed"], makeAndModel: "M"), .userError, .unable(.printerPaperOut, paper: .out)),
        (State(state: 3, reasons: ["media-jam", "media-low"], makeAndModel: "M"), .hardwareError, .unable(.printerJammed, paper: .jammed)),
        (State(state: 5, reasons: ["paused"], makeAndModel: "M"), .hardwareError, .unable(.printerOffline, paper: .full)),
        (State(state: 3, reasons: [], makeAndModel: "M", isAcceptingJobs: false), .offline, .unable(.printerOffline, paper: .full)),
    ])
    func mapping(printer: State, state: DeviceState, readiness: PrinterReadiness) {
        let condition = PrinterCondition(printer)
        #expect(condition.deviceState == state)
        #expect(condition.readiness == readiness)
        let status = condition.deviceStatus(selector: .ipp(uri: "ipp://printer.example/ipp/print"))
        #expect(status.paper == readiness.paper)
        #expect(status.selector == "ipp://printer.example/ipp/print")
    }

    @Test("a stopped printer without reasons, or one refusing jobs, says so in the detail")
    func details() {
        #expect(PrinterCondition(State(state: 5, reasons: [], makeAndModel: "")).detail == "printer stopped")
        #expect(PrinterCondition(State(state: 3, reasons: [], makeAndModel: "Epson TM-T88", isAcceptingJobs: false)).detail == "Epson TM-T88; not accepting jobs")
    }
}
