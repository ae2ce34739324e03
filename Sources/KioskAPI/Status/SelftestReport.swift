import KioskCore

/// The outcome of a technician's self-test (`POST /v1/selftest/card|scanner|printer`): what was
/// read, scanned or printed (masked, as `cards read` and `scanner watch` show it), or what went wrong
/// and what to do about it. kioskd answers 200 when the test passed and 409 when it failed.
public struct SelftestReport: Codable, Sendable, Equatable {
    public enum Device: String, Codable, Sendable {
        case card
        case scanner
        case printer
        case screen
    }

    public var device: Device
    public var passed: Bool
    /// One line: what happened ("card read in …", "no card was inserted within 60 s").
    public var summary: String
    public var card: CardReport?
    public var scan: ScanReport?
    public var printer: PrinterInfo?
    /// What the resident screen measured while it showed the test pattern.
    public var screen: MeasuredScreen?
    /// Why it failed: an error code (`selftest.timeout`, `card.not_responding`, `printer.paper_out`, …) and its message.
    public var problem: AdminProblem?
    /// What the technician should do when it failed, in plain words.
    public var fix: String?

    public init(device: Device, passed: Bool, summary: String, card: CardReport? = nil, scan: ScanReport? = nil, printer: PrinterInfo? = nil,
                screen: MeasuredScreen? = nil, problem: AdminProblem? = nil, fix: String? = nil) {
        self.device = device
        self.passed = passed
        self.summary = summary
        self.card = card
        self.scan = scan
        self.printer = printer
        self.screen = screen
        self.problem = problem
        self.fix = fix
    }
}
