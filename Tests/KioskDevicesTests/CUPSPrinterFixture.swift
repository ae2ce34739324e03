import CPangoCairo
import Foundation
import KioskCore
import KioskDevices
import KioskTesting

/// A one-page PDF drawn with cairo, as the receipt renderer's output would be.
enum TestPDF {
    static func make(_ text: String) throws -> [UInt8] {
        let directory = try TemporaryDirectory(prefix: "pdf")
        defer { directory.remove() }
        let path = directory.file("page.pdf")
        // 80 mm paper is 226.77 pt wide.
        guard let surface = cairo_pdf_surface_create(path, 226.77, 200) else { throw TestFixtureError("cairo_pdf_surface_create failed") }
        guard let cairo = cairo_create(surface) else { throw TestFixtureError("cairo_create failed") }
        cairo_select_font_face(cairo, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cairo, 12)
        cairo_move_to(cairo, 12, 40)
        cairo_show_text(cairo, text)
        cairo_show_page(cairo)
        cairo_destroy(cairo)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw TestFixtureError("cairo could not write the PDF: status \(status.rawValue)") }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw TestFixtureError("cairo wrote no PDF") }
        return bytes
    }
}

/// A CUPSPrinter whose renderer hands over a fixed PDF under a fixed job name.
func cupsPrinter(
    _ uri: String, pdf: [UInt8], jobName: String, jobTimeout: Duration = .seconds(15), connectTimeoutMilliseconds: Int32 = 2000
) -> CUPSPrinter {
    CUPSPrinter(selector: .ipp(uri: uri), jobTimeout: jobTimeout, connectTimeoutMilliseconds: connectTimeoutMilliseconds) { _ in
        (data: pdf, mimeType: "application/pdf", jobName: jobName)
    }
}

let anyReceipt = ReceiptDocument.testPage(kioskID: "KIOSK-TEST-01", printedAt: Date(timeIntervalSince1970: 1_790_000_000))

/// The error `print` threw, or nil when it printed.
func printFailure(_ printer: CUPSPrinter, _ document: ReceiptDocument = anyReceipt) async -> KioskError? {
    do throws(KioskError) {
        try await printer.print(document)
        return nil
    } catch {
        return error
    }
}

/// Waits until `condition` holds; false when `timeout` passes first.
func spooledBytes(_ path: String) -> [UInt8] {
    (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } ?? []
}
