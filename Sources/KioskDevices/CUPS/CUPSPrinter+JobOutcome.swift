import KioskCore

/// What a finished or overdue job means for the resident: the `printer.*` code names the cause
/// when the printer reports one (jam, paper), `printer.print_failed` otherwise.
extension CUPSPrinter {
    /// Nil when the job completed.
    static func failure(of job: SubmittedPrintJob, _ ending: PrintJobEnding, timeout: Duration) -> KioskError? {
        switch ending {
        case .completed:
            return nil
        case .failedAtPrinter(.canceled, _):
            return KioskError(.printFailed, "job \(job.id) was canceled at the printer")
        case .failedAtPrinter(let state, let seen):
            let reasons = seen.reasons + (seen.printer?.reasons ?? [])
            return KioskError(cause(reasons) ?? .printFailed, "job \(job.id) \(state)" + describing(reasons))
        case .overdue(let last, let silence):
            let state = last?.state?.description ?? "pending"
            let printer = last?.printer
            let code = printer.flatMap { PrinterCondition($0).problem } ?? .printFailed
            let why = silence.map { " (\($0))" } ?? describing(printer?.reasons ?? [])
            return KioskError(code, "job \(job.id) still \(state) after \(timeout.secondsText)\(why); cancelling it")
        case .abandoned(let lastState):
            return KioskError(.printFailed, "job \(job.id): printing was cancelled while it was \(lastState?.description ?? "pending")")
        }
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
