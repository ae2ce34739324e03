import CPangoCairo
import KioskCore

/// The receipt's type sizes, in points, all "Noto Sans CJK SC" (package fonts-noto-cjk).
final class ReceiptFonts {
    static let family = "Noto Sans CJK SC"

    let heading: OpaquePointer
    let body: OpaquePointer
    let bold: OpaquePointer
    let small: OpaquePointer

    init() throws(KioskError) {
        heading = try Self.font(size: 12, bold: true)
        body = try Self.font(size: 9, bold: false)
        bold = try Self.font(size: 9, bold: true)
        small = try Self.font(size: 7.5, bold: false)
    }

    deinit {
        for font in [heading, body, bold, small] { pango_font_description_free(font) }
    }

    /// Absolute sizes are in user units, so a size means points on the PDF page and in the scaled raster alike.
    private static func font(size: Double, bold: Bool) throws(KioskError) -> OpaquePointer {
        guard let font = pango_font_description_new() else { throw KioskError(.printerRenderFailed, "pango_font_description_new failed") }
        pango_font_description_set_family(font, family)
        pango_font_description_set_absolute_size(font, size * Double(kiosk_pango_scale()))
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        return font
    }
}
