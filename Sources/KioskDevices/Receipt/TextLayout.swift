import CPangoCairo

/// One pango paragraph: wrapped to a width when given, measured and drawn in user units.
final class TextLayout {
    private let layout: OpaquePointer
    /// The logical size (what line spacing and alignment use), in user units.
    let width: Double
    let height: Double
    /// How many characters had no glyph in the font (0 unless the font is missing).
    let unknownGlyphs: Int

    init(
        _ text: String, context: OpaquePointer, font: OpaquePointer, wrapWidth: Double? = nil,
        alignment: PangoAlignment = PANGO_ALIGN_LEFT, hangingIndent: Double = 0
    ) {
        let scale = Double(kiosk_pango_scale())
        layout = pango_layout_new(context)
        pango_layout_set_font_description(layout, font)
        if let wrapWidth {
            pango_layout_set_width(layout, Int32(wrapWidth * scale))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_alignment(layout, alignment)
        // A negative indent hangs: the first line is full width, the rest start `hangingIndent` in.
        if hangingIndent > 0 { pango_layout_set_indent(layout, -Int32(hangingIndent * scale)) }
        pango_layout_set_text(layout, text, -1)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        width = Double(logical.width) / scale
        height = Double(logical.height) / scale
        unknownGlyphs = Int(pango_layout_get_unknown_glyphs_count(layout))
    }

    deinit { kiosk_g_object_unref(UnsafeMutableRawPointer(layout)) }

    func draw(on cairo: OpaquePointer, x: Double, y: Double) {
        cairo_move_to(cairo, x, y)
        pango_cairo_show_layout(cairo, layout)
    }
}
