import Foundation
import KioskCore

/// `kioskctl printer status|test` for the kiosk's CUPS printer: its state, supplies and last job,
/// and the technician test page printed like any receipt (followed to completed, with the timeout).
public struct CUPSPrinterDiagnostics: PrinterDiagnostics {
    public let printer: CUPSPrinter
    public let model: PrinterModel
    public let kioskID: String

    public init(printer: CUPSPrinter, model: PrinterModel, kioskID: String) {
        self.printer = printer
        self.model = model
        self.kioskID = kioskID
    }

    public func printerInfo() async -> PrinterInfo {
        let (status, readiness) = await printer.condition()
        return PrinterInfo(status: status, readiness: readiness, model: model, lastJob: printer.lastJob.map(Self.jobInfo))
    }

    public func printTestPage() async throws(KioskError) -> PrinterInfo {
        try await printer.print(.testPage(kioskID: kioskID, printedAt: printer.wallClock.now()))
        return await printerInfo()
    }

    public static func jobInfo(_ job: PrintJobRecord) -> PrinterJobInfo {
        PrinterJobInfo(id: Int(job.id), name: job.name, state: job.state.description, reasons: job.reasons, updatedAt: job.updatedAt)
    }
}
