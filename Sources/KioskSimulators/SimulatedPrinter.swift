import Foundation
import KioskCore
import Synchronization

/// A receipt printer for `kioskd --demo`: its paper can be emptied and refilled; what it prints is
/// counted and, with a `render`, drawn by the production receipt renderer as the thermal head would
/// print it (`lastReceiptImage`, a PNG the demo page shows beside the screen).
public final class SimulatedPrinter: ReceiptPrinter {
    /// A document as printed, as a PNG image.
    public typealias Render = @Sendable (ReceiptDocument) throws(KioskError) -> [UInt8]

    private let state = Mutex<(paper: PaperSupply, printed: Int, lastImage: [UInt8]?)>((.full, 0, nil))
    private let render: Render?
    /// When the test page says it was printed.
    private let wallClock: WallClock

    public init(render: Render? = nil, wallClock: WallClock = .system) {
        self.render = render
        self.wallClock = wallClock
    }

    public var paper: PaperSupply {
        get { state.withLock { $0.paper } }
        set { state.withLock { $0.paper = newValue } }
    }

    public var printedCount: Int { state.withLock { $0.printed } }

    /// The last document printed, as the paper shows it; nil before the first (or without a renderer).
    public var lastReceiptImage: [UInt8]? { state.withLock { $0.lastImage } }

    public func readiness() async -> PrinterReadiness {
        switch paper {
        case .full, .low: .ready(paper: paper)
        case .out: .unable(.printerPaperOut, paper: .out)
        case .jammed: .unable(.printerJammed, paper: .jammed)
        }
    }

    public func print(_ document: ReceiptDocument) async throws(KioskError) {
        switch paper {
        case .out: throw KioskError(.printerPaperOut, "the simulated printer is out of paper")
        case .jammed: throw KioskError(.printerJammed, "the simulated printer is jammed")
        case .full, .low: break
        }
        let image = try render?(document)
        state.withLock {
            $0.printed += 1
            if let image { $0.lastImage = image }
        }
    }
}

extension SimulatedPrinter: PrinterDiagnostics {
    public static let model = PrinterModel(id: "simulated", name: "simulated printer", paperWidthMillimetres: 80, printableWidthMillimetres: 72, dotsPerInch: 203)

    public func printerInfo() async -> PrinterInfo {
        let readiness = await readiness()
        var status = DeviceStatus(role: .printer, selector: "simulated", state: readiness.canPrint ? .online : .userError,
                                  requiredAction: readiness.canPrint ? nil : .maintenance, detail: "simulated printer (kioskd --demo)")
        status.paper = paper
        return PrinterInfo(status: status, readiness: readiness, model: Self.model, lastJob: nil)
    }

    public func printTestPage() async throws(KioskError) -> PrinterInfo {
        try await print(.testPage(kioskID: "demo", printedAt: wallClock.now()))
        return await printerInfo()
    }
}
