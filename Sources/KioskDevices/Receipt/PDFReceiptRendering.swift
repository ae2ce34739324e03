import CPangoCairo
import KioskCore

/// The receipt as a one-page PDF the paper's width and exactly as tall as its content (thermal
/// printers feed a continuous roll); text stays text, so the PDF can be searched and read back.
enum PDFReceiptRendering {
    /// PDF viewers and many RIPs reject pages over 200 inches.
    static let maximumPageHeight = 14_400.0

    static func render(_ content: ReceiptContent, geometry: ReceiptGeometry) throws(KioskError) -> [UInt8] {
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        // Height 1 until measured: the page may be resized before anything is drawn on it.
        guard let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, closure, geometry.pageWidth, 1) else {
            throw KioskError(.printerRenderFailed, "cairo_pdf_surface_create_for_stream failed")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        try withExtendedLifetime(sink) { () throws(KioskError) in
            try draw(content, geometry: geometry, on: surface)
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface))
        }
        return sink.bytes
    }

    private static func draw(_ content: ReceiptContent, geometry: ReceiptGeometry, on surface: OpaquePointer) throws(KioskError) {
        guard let cairo = cairo_create(surface) else { throw KioskError(.printerRenderFailed, "cairo_create failed") }
        defer { cairo_destroy(cairo) }
        let painter = try ReceiptPainter(
            cairo: cairo, left: geometry.leftMargin, width: geometry.contentWidth, dotsPerPoint: geometry.dotsPerPoint
        )
        let top = ReceiptGeometry.verticalMargin
        let pageHeight = top + (try painter.height(of: content.blocks, top: top)) + ReceiptGeometry.verticalMargin
        guard pageHeight <= maximumPageHeight else {
            throw KioskError(.printerRenderFailed, "receipt is \(Int(pageHeight)) pt long, over the PDF page limit")
        }
        cairo_pdf_surface_set_size(surface, geometry.pageWidth, pageHeight)
        try painter.draw(content.blocks, top: top)
        cairo_show_page(cairo)
        try check(cairo_status(cairo))
    }

    private static func check(_ status: cairo_status_t) throws(KioskError) {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw KioskError(.printerRenderFailed, "cairo PDF: \(String(cString: cairo_status_to_string(status)))")
        }
    }
}

/// Collects what cairo's PDF stream writes.
private final class ByteSink {
    var bytes: [UInt8] = []

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
