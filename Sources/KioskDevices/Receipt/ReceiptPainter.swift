import CPangoCairo
import KioskCore

/// Lays out a receipt's blocks top to bottom in points on a cairo context: `height(of:)` measures
/// without drawing, so the page can be sized before `draw(_:top:)`. Measuring and drawing share
/// one code path, so the measured height is exactly what is drawn.
final class ReceiptPainter {
    static let blockSpacing = 2.0
    static let amountGap = 6.0

    let cairo: OpaquePointer
    let pango: OpaquePointer
    let fonts: ReceiptFonts
    /// The printable column: `left` on the page, `width` wide.
    let left: Double
    let width: Double
    let dotsPerPoint: Double
    private var symbols: [String: QRSymbol] = [:]

    /// Create after any cairo transformation: pango takes the context's font options and matrix now.
    init(cairo: OpaquePointer, left: Double, width: Double, dotsPerPoint: Double) throws(KioskError) {
        self.cairo = cairo
        self.left = left
        self.width = width
        self.dotsPerPoint = dotsPerPoint
        fonts = try ReceiptFonts()
        guard let pango = pango_cairo_create_context(cairo) else {
            throw KioskError(.printerRenderFailed, "pango_cairo_create_context failed")
        }
        self.pango = pango
        let probe = TextLayout(ReceiptContent.testSample, context: pango, font: fonts.body)
        guard probe.unknownGlyphs == 0 else {
            throw KioskError(.printerRenderFailed, "no font has Chinese glyphs: install fonts-noto-cjk (\(ReceiptFonts.family))")
        }
    }

    deinit { kiosk_g_object_unref(UnsafeMutableRawPointer(pango)) }

    /// Measured from the same `top` as drawn: QR codes snap to the dot grid, which depends on where they start.
    func height(of blocks: [ReceiptBlock], top: Double) throws(KioskError) -> Double {
        var y = top
        for block in blocks { y += try place(block, top: y, drawing: false) }
        return y - top
    }

    func draw(_ blocks: [ReceiptBlock], top: Double) throws(KioskError) {
        cairo_set_source_rgb(cairo, 0, 0, 0)
        var y = top
        for block in blocks { y += try place(block, top: y, drawing: true) }
        guard cairo_status(cairo) == CAIRO_STATUS_SUCCESS else {
            throw KioskError(.printerRenderFailed, "cairo: \(String(cString: cairo_status_to_string(cairo_status(cairo))))")
        }
    }

    /// Lays out (and with `drawing`, draws) one block at `top`; returns the height it takes with its spacing.
    private func place(_ block: ReceiptBlock, top: Double, drawing: Bool) throws(KioskError) -> Double {
        switch block {
        case .heading(let text):
            return paragraph(text, font: fonts.heading, alignment: PANGO_ALIGN_CENTER, top: top, drawing: drawing) + 2 * Self.blockSpacing
        case .text(let text, let style):
            return paragraph(text, style: style, top: top, drawing: drawing) + Self.blockSpacing
        case .field(let label, let value):
            return field(label: label, value: value, top: top, drawing: drawing) + Self.blockSpacing
        case .amount(let label, let figures, let emphasised):
            return amount(label: label, figures: figures, font: emphasised ? fonts.bold : fonts.body, top: top, drawing: drawing)
                + Self.blockSpacing
        case .rule:
            return rule(top: top, drawing: drawing)
        case .qrCode(let payload, let caption):
            return try qrCode(payload, caption: caption, top: top, drawing: drawing) + Self.blockSpacing
        case .ruler(let millimetres):
            return ruler(millimetres: millimetres, top: top, drawing: drawing) + Self.blockSpacing
        }
    }

    func symbol(for payload: String) throws(KioskError) -> QRSymbol {
        if let symbol = symbols[payload] { return symbol }
        let symbol = try QRSymbol(encoding: payload)
        symbols[payload] = symbol
        return symbol
    }

    /// A coordinate in points moved onto the printer's dot grid, so edges print crisp.
    func snapped(_ points: Double) -> Double { (points * dotsPerPoint).rounded() / dotsPerPoint }

    /// One printer dot, in points.
    var dot: Double { 1 / dotsPerPoint }
}
