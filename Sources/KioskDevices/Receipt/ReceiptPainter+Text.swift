import CPangoCairo
import KioskCore

extension ReceiptPainter {
    func paragraph(_ text: String, style: ReceiptTextStyle, top: Double, drawing: Bool) -> Double {
        switch style {
        case .body: paragraph(text, font: fonts.body, alignment: PANGO_ALIGN_LEFT, top: top, drawing: drawing)
        case .emphasised: paragraph(text, font: fonts.bold, alignment: PANGO_ALIGN_CENTER, top: top, drawing: drawing)
        case .centred: paragraph(text, font: fonts.body, alignment: PANGO_ALIGN_CENTER, top: top, drawing: drawing)
        case .small: paragraph(text, font: fonts.small, alignment: PANGO_ALIGN_LEFT, top: top, drawing: drawing)
        }
    }

    func paragraph(_ text: String, font: OpaquePointer, alignment: PangoAlignment, top: Double, drawing: Bool) -> Double {
        let layout = TextLayout(text, context: pango, font: font, wrapWidth: width, alignment: alignment)
        if drawing { layout.draw(on: cairo, x: left, y: top) }
        return layout.height
    }

    /// "label：value" with continuation lines under the value, unless the label takes half the width.
    func field(label: String, value: String, top: Double, drawing: Bool) -> Double {
        let prefix = label + "："
        let labelWidth = TextLayout(prefix, context: pango, font: fonts.body).width
        let indent = labelWidth < width / 2 ? labelWidth : 0
        let layout = TextLayout(prefix + value, context: pango, font: fonts.body, wrapWidth: width, hangingIndent: indent)
        if drawing { layout.draw(on: cairo, x: left, y: top) }
        return layout.height
    }

    /// The label wraps in what the figures leave free; the figures sit right on its first line.
    func amount(label: String, figures: String, font: OpaquePointer, top: Double, drawing: Bool) -> Double {
        let right = TextLayout(figures, context: pango, font: font)
        let labelWidth = max(width - right.width - Self.amountGap, width / 3)
        let left = TextLayout(label, context: pango, font: font, wrapWidth: labelWidth)
        if drawing {
            left.draw(on: cairo, x: self.left, y: top)
            right.draw(on: cairo, x: self.left + width - right.width, y: top)
        }
        return max(left.height, right.height)
    }

    /// A dashed line two dots thick, centred in its space.
    func rule(top: Double, drawing: Bool) -> Double {
        let height = 8.0
        guard drawing else { return height }
        let y = snapped(top + height / 2)
        var dashes = [3.0, 2.0]
        cairo_save(cairo)
        cairo_set_line_width(cairo, 2 * dot)
        cairo_set_dash(cairo, &dashes, Int32(dashes.count), 0)
        cairo_move_to(cairo, snapped(left), y)
        cairo_line_to(cairo, snapped(left + width), y)
        cairo_stroke(cairo)
        cairo_restore(cairo)
        return height
    }
}
