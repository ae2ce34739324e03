/// Whether the printer can print a receipt now, and if not, why (a `KioskError.Code` for the screen).
public struct PrinterReadiness: Sendable, Hashable {
    public var canPrint: Bool
    public var problem: KioskError.Code?
    public var paper: PaperSupply?

    public init(canPrint: Bool, problem: KioskError.Code? = nil, paper: PaperSupply? = nil) {
        self.canPrint = canPrint
        self.problem = problem
        self.paper = paper
    }

    public static func ready(paper: PaperSupply = .full) -> Self { Self(canPrint: true, paper: paper) }
    public static func unable(_ problem: KioskError.Code, paper: PaperSupply? = nil) -> Self { Self(canPrint: false, problem: problem, paper: paper) }
}

/// The receipt printer. Implementations are named by technology (`CUPS…`) or `Simulated…`.
public protocol ReceiptPrinter: Sendable {
    /// Asked before money moves; never throws (a printer that cannot answer cannot print).
    func readiness() async -> PrinterReadiness
    /// Returns once the document is printed (and cut); throws a `KioskError` with a `printer.*` code otherwise.
    func print(_ document: ReceiptDocument) async throws(KioskError)
}
