/// What a printer says of itself (IPP Get-Printer-Attributes, RFC 8011 §5.4).
public struct IPPPrinterState: Sendable, Equatable {
    /// printer-state: 3 idle, 4 processing, 5 stopped.
    public var state: Int32
    /// printer-state-reasons with -report/-warning/-error suffixes stripped.
    public var reasons: [String]
    public var makeAndModel: String
    /// printer-is-accepting-jobs: false when the queue rejects new jobs (`cupsreject`).
    public var isAcceptingJobs: Bool

    public init(state: Int32, reasons: [String], makeAndModel: String, isAcceptingJobs: Bool = true) {
        self.state = state
        self.reasons = reasons
        self.makeAndModel = makeAndModel
        self.isAcceptingJobs = isAcceptingJobs
    }
}

/// One look at a print job (Get-Job-Attributes: job-state, job-state-reasons) and, when the
/// printer answered that too, at the printer, whose state says why a job waits or failed.
public struct PrintJobObservation: Sendable, Equatable {
    /// Nil when the printer did not say.
    public var state: PrintJobState?
    public var reasons: [String]
    public var printer: IPPPrinterState?

    public init(state: PrintJobState?, reasons: [String] = [], printer: IPPPrinterState? = nil) {
        self.state = state
        self.reasons = reasons
        self.printer = printer
    }
}
