import Foundation
import KioskConfig
import KioskCore

extension CUPSPrinter {
    /// The kiosk's printer: documents laid out for `model` (PDF or ESC/POS raster), each job named
    /// so the printer's history can tell whether a receipt was already printed.
    public convenience init(selector: PrinterSelector, model: PrinterModel, jobTimeout: Duration, connectTimeoutMilliseconds: Int32 = 3000,
                            clock: any Clock<Duration> = ContinuousClock()) {
        let renderer = ReceiptRenderer(printer: model)
        self.init(selector: selector, jobTimeout: jobTimeout, connectTimeoutMilliseconds: connectTimeoutMilliseconds, clock: clock) { document throws(KioskError) in
            let rendered = try renderer.render(document)
            return (rendered.data, rendered.mimeType, Self.jobName(for: document))
        }
    }

    /// An electronic receipt's job is named after its receipt number (not personal data); a
    /// registration slip after its year, the test page after its kiosk.
    public static func jobName(for document: ReceiptDocument) -> String {
        switch document {
        case .electronicReceipt(let receipt): "receipt-\(receipt.receiptCode)-\(receipt.receiptNumber)"
        case .registrationSlip(let slip): "registration-slip-\(slip.year)"
        case .testPage(let kioskID, _): "test-page-\(kioskID)"
        }
    }
}
