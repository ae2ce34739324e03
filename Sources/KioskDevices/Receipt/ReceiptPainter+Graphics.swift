import CPangoCairo
import KioskCore

extension ReceiptPainter {
    /// The QR code aims at this share of the column, at most 35 mm; its modules are whole printer dots.
    static let qrShareOfWidth = 0.55
    static let qrMaximumSide = 35 * ReceiptGeometry.pointsPerMillimetre
    /// Light modules kept around the symbol, as ISO/IEC 18004 requires for scanning.
    static let qrQuietModules = 4

    func qrCode(_ payload: String, caption: String, top: Double, drawing: Bool) throws(KioskError) -> Double {
        let symbol = try symbol(for: payload)
        let targetSide = min(width * Self.qrShareOfWidth, Self.qrMaximumSide)
        let moduleDots = max(2, Int(targetSide * dotsPerPoint / Double(symbol.width)))
        let module = Double(moduleDots) * dot
        let side = module * Double(symbol.width)
        guard side + 2 * Double(Self.qrQuietModules) * module <= width + 0.01 else {
            throw KioskError(.printerRenderFailed, "QR code of \(symbol.width) modules does not fit the paper")
        }
        let quiet = Double(Self.qrQuietModules) * module
        let captionLayout = TextLayout(caption, context: pango, font: fonts.small, wrapWidth: width, alignment: PANGO_ALIGN_CENTER)
        if drawing {
            let x = snapped(left + (width - side) / 2)
            let y = snapped(top + quiet)
            for row in 0..<symbol.width {
                for run in symbol.darkRuns(row: row) {
                    cairo_rectangle(cairo, x + Double(run.start) * module, y + Double(row) * module, Double(run.length) * module, module)
                }
            }
            cairo_fill(cairo)
            captionLayout.draw(on: cairo, x: left, y: y + side + quiet)
        }
        return snapped(top + quiet) - top + side + quiet + captionLayout.height
    }

    /// A line across the full printable width with ticks every millimetre (longer every 5 and 10)
    /// and numbers every 10: clipped ends or a narrow head show at once.
    func ruler(millimetres: Int, top: Double, drawing: Bool) -> Double {
        let perMillimetre = width / Double(millimetres)
        let labels = stride(from: 0, through: millimetres, by: 10).map {
            (millimetre: $0, layout: TextLayout("\($0)", context: pango, font: fonts.small))
        }
        let longTick = 3 * ReceiptGeometry.pointsPerMillimetre
        let height = longTick + (labels.map(\.layout.height).max() ?? 0)
        guard drawing else { return height }
        let thickness = 2 * dot
        // Ends stay half a line inside the column, so the outermost ticks are printed whole.
        func x(_ millimetre: Int) -> Double {
            min(max(left + Double(millimetre) * perMillimetre, left + thickness / 2), left + width - thickness / 2)
        }
        cairo_save(cairo)
        cairo_set_line_width(cairo, thickness)
        cairo_move_to(cairo, left, top + thickness / 2)
        cairo_line_to(cairo, left + width, top + thickness / 2)
        for millimetre in 0...millimetres {
            let length = millimetre % 10 == 0 ? longTick : millimetre % 5 == 0 ? longTick * 0.66 : longTick * 0.4
            cairo_move_to(cairo, x(millimetre), top)
            cairo_line_to(cairo, x(millimetre), top + length)
        }
        if millimetres % 10 != 0 {
            cairo_move_to(cairo, x(millimetres), top)
            cairo_line_to(cairo, x(millimetres), top + longTick)
        }
        cairo_stroke(cairo)
        cairo_restore(cairo)
        for label in labels {
            let centred = left + Double(label.millimetre) * perMillimetre - label.layout.width / 2
            label.layout.draw(on: cairo, x: min(max(centred, left), left + width - label.layout.width), y: top + longTick)
        }
        return height
    }
}
