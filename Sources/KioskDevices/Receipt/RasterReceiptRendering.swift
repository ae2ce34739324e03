import CPangoCairo
import KioskCore

/// The receipt drawn at the printer's resolution, exactly the printable width in dots, then
/// thresholded to black and white for the thermal head.
enum RasterReceiptRendering {
    /// cairo's image size limit; at 203 dpi about 4 m of paper.
    static let maximumRows = 32_767
    /// Coverage from which a dot burns: half, so antialiased glyph edges neither bloat nor vanish.
    static let inkThreshold: UInt8 = 128

    static func render(_ content: ReceiptContent, geometry: ReceiptGeometry) throws(KioskError) -> MonochromeBitmap {
        let columns = geometry.printableDots
        let width = Double(columns) / geometry.dotsPerPoint
        let top = ReceiptGeometry.verticalMargin
        let contentHeight = try withSurface(columns: columns, rows: 1) { (cairo) throws(KioskError) in
            try painter(cairo, width: width, geometry: geometry).height(of: content.blocks, top: top)
        }
        let rows = Int(((top + contentHeight + ReceiptGeometry.verticalMargin) * geometry.dotsPerPoint).rounded(.up))
        guard rows <= maximumRows else {
            throw KioskError(.printerRenderFailed, "receipt is \(rows) dots long, over cairo's image limit of \(maximumRows)")
        }
        return try withSurface(columns: columns, rows: rows) { (cairo) throws(KioskError) in
            try painter(cairo, width: width, geometry: geometry).draw(content.blocks, top: top)
            let surface = cairo_get_target(cairo)
            cairo_surface_flush(surface)
            return try threshold(surface, columns: columns, rows: rows)
        }
    }

    /// The layout is in points: the context is scaled to dots before pango sees it.
    private static func painter(_ cairo: OpaquePointer, width: Double, geometry: ReceiptGeometry) throws(KioskError) -> ReceiptPainter {
        cairo_scale(cairo, geometry.dotsPerPoint, geometry.dotsPerPoint)
        return try ReceiptPainter(cairo: cairo, left: 0, width: width, dotsPerPoint: geometry.dotsPerPoint)
    }

    /// An 8-bit alpha image: 0 is bare paper, 255 full ink.
    private static func withSurface<Result>(
        columns: Int, rows: Int, _ body: (OpaquePointer) throws(KioskError) -> Result
    ) throws(KioskError) -> Result {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(columns), Int32(rows)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw KioskError(.printerRenderFailed, "cannot create a \(columns)×\(rows) image")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cairo = cairo_create(surface) else { throw KioskError(.printerRenderFailed, "cairo_create failed") }
        defer { cairo_destroy(cairo) }
        return try body(cairo)
    }

    private static func threshold(_ surface: OpaquePointer?, columns: Int, rows: Int) throws(KioskError) -> MonochromeBitmap {
        var bitmap = MonochromeBitmap(width: columns, height: rows)
        guard let data = cairo_image_surface_get_data(surface) else { throw KioskError(.printerRenderFailed, "the image has no pixel data") }
        let stride = Int(cairo_image_surface_get_stride(surface))
        for row in 0..<rows {
            let line = data + row * stride
            for column in 0..<columns where line[column] >= inkThreshold {
                bitmap.setBlack(x: column, y: row)
            }
        }
        return bitmap
    }
}
