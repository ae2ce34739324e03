import KioskCore

/// A print job the printer has taken: its IPP job-id and the name it was given.
struct SubmittedPrintJob: Sendable, Equatable {
    var id: Int32
    var name: String
}

/// One print job's I/O: what `CUPSPrinter.print` and `PrintJobFollower`'s actions ask of the printer.
/// `CUPSPrintJobTransport` is libcups; tests use a recording one. Each call gives up after `within`
/// and answers nil then.
protocol PrintJobTransport: Sendable {
    /// Renders and submits the document as one job. A transport that gives up makes sure no job is
    /// created afterwards (or cancels it): the kiosk has already reported the receipt as not printed.
    func submit(_ document: ReceiptDocument, within: Duration) async -> Result<SubmittedPrintJob, KioskError>?
    /// Get-Job-Attributes, then the printer's state when it answers that too.
    func observe(_ jobID: Int32, within: Duration) async -> Result<PrintJobObservation, KioskError>?
    /// Cancel-Job, without waiting for the answer.
    func cancel(_ jobID: Int32)
}
