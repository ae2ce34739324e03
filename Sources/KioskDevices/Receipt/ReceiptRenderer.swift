import Foundation
import KioskCore

/// Renders what the kiosk prints for one printer model: PDF for driver queues, ESC/POS raster for raw
/// queues. Both share one layout (pango-cairo, "Noto Sans CJK SC") on one long page fitted to the content.
public struct ReceiptRenderer: Sendable {
    public let printer: PrinterModel
    public let format: ReceiptFormat
    private let now: @Sendable () -> Date

    /// `now` dates the registration slip, which carries no time of its own.
    public init(printer: PrinterModel, format: ReceiptFormat, now: @escaping @Sendable () -> Date = WallClock.system.now) {
        self.printer = printer
        self.format = format
        self.now = now
    }

    /// In the format the printer's profile names.
    public init(printer: PrinterModel) {
        self.init(printer: printer, format: printer.format)
    }

    public func render(_ document: ReceiptDocument) throws(KioskError) -> RenderedReceipt {
        let content = ReceiptContent(document, printer: printer, printedAt: now())
        let geometry = ReceiptGeometry(printer)
        switch format {
        case .pdf:
            return RenderedReceipt(format: .pdf, data: try PDFReceiptRendering.render(content, geometry: geometry))
        case .escposRaster:
            let bitmap = try RasterReceiptRendering.render(content, geometry: geometry)
            return RenderedReceipt(format: .escposRaster, data: ESCPOSRasterEncoder.encode(bitmap))
        }
    }

    /// The receipt as this printer's thermal head prints it, dot for dot, as a PNG image: what the
    /// demo's printer shows beside the screen.
    public func renderImage(_ document: ReceiptDocument) throws(KioskError) -> [UInt8] {
        let content = ReceiptContent(document, printer: printer, printedAt: now())
        return try PNGReceiptImage.encode(try RasterReceiptRendering.render(content, geometry: ReceiptGeometry(printer)))
    }
}
