import Foundation
import KioskCore
import Synchronization

/// A receipt printer for `kioskd --demo`: its paper can be emptied and refilled; what it prints is counted.
public final class SimulatedPrinter: ReceiptPrinter {
    private let state = Mutex<(paper: PaperSupply, printed: Int)>((.full, 0))

    public init() {}

    public var paper: PaperSupply {
        get { state.withLock { $0.paper } }
        set { state.withLock { $0.paper = newValue } }
    }

    public var printedCount: Int { state.withLock { $0.printed } }

    public func readiness() async -> PrinterReadiness {
        switch paper {
        case .full, .low: .ready(paper: paper)
        case .out: .unable(.printerPaperOut, paper: .out)
        case .jammed: .unable(.printerJammed, paper: .jammed)
        }
    }

    public func print(_ document: ReceiptDocument) async throws(KioskError) {
        try state.withLock { (state) throws(KioskError) in
            switch state.paper {
            case .out: throw KioskError(.printerPaperOut, "the simulated printer is out of paper")
            case .jammed: throw KioskError(.printerJammed, "the simulated printer is jammed")
            case .full, .low: state.printed += 1
            }
        }
    }
}

extension SimulatedPrinter: PrinterDiagnostics {
    static let model = PrinterModel(id: "simulated", name: "simulated printer", paperWidthMillimetres: 80, printableWidthMillimetres: 72, dotsPerInch: 203)

    public func printerInfo() async -> PrinterInfo {
        let readiness = await readiness()
        var status = DeviceStatus(role: .printer, selector: "simulated", state: readiness.canPrint ? .online : .userError,
                                  requiredAction: readiness.canPrint ? nil : .maintenance, detail: "simulated printer (kioskd --demo)")
        status.paper = paper
        return PrinterInfo(status: status, readiness: readiness, model: Self.model, lastJob: nil)
    }

    public func printTestPage() async throws(KioskError) -> PrinterInfo {
        try await print(.testPage(kioskID: "demo", printedAt: Date()))
        return await printerInfo()
    }
}
