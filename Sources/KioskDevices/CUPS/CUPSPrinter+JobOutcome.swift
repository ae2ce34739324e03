import KioskCore

/// What a finished or overdue job means for the resident: the `printer.*` code names the cause
/// when the printer reports one (jam, paper), `printer.print_failed` otherwise.
extension CUPSPrinter {
    static func outcome(of job: CUPSJobChannel.Submitted, state: PrintJobState, _ seen: CUPSJobChannel.Observation) throws(KioskError) {
        switch state {
        case .completed:
            return
        case .canceled:
            throw KioskError(.printFailed, "job \(job.id) was canceled at the printer")
        default:
            let reasons = seen.job.reasons + (seen.printer?.reasons ?? [])
            throw KioskError(cause(reasons) ?? .printFailed, "job \(job.id) \(state)" + describing(reasons))
        }
    }

    /// `silence` says why the last look at the job found nothing, when it did.
    static func timedOut(_ job: CUPSJobChannel.Submitted, last: CUPSJobChannel.Observation?, silence: String?, after timeout: Duration) -> KioskError {
        let state = last?.job.state?.description ?? "pending"
        let printer = last?.printer
        let code = printer.flatMap { PrinterCondition($0).problem } ?? .printFailed
        let why = silence.map { " (\($0))" } ?? describing(printer?.reasons ?? [])
        return KioskError(code, "job \(job.id) still \(state) after \(timeout.secondsText)\(why); cancelling it")
    }

    private static func cause(_ reasons: [String]) -> KioskError.Code? {
        let reasons = Set(reasons.map(IPPConnection.strippingSeverity))
        if reasons.contains("media-jam") { return .printerJammed }
        if reasons.contains("media-empty") || reasons.contains("media-needed") { return .printerPaperOut }
        return nil
    }

    private static func describing(_ reasons: [String]) -> String {
        let shown = reasons.filter { $0 != "none" }
        return shown.isEmpty ? "" : " (\(shown.joined(separator: ", ")))"
    }
}
