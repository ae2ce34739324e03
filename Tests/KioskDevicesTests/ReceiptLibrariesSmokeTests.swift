import CPangoCairo
import CQREncode
import Testing

@Suite("receipt libraries: libqrencode and pango-cairo")
struct ReceiptLibrariesSmokeTests {
    @Test("a verification URL encodes to a square QR symbol")
    func qrEncode() throws {
        let symbol = try #require(QRcode_encodeString("https://einvoice.example/verify?code=12345678&no=0000000001", 0, QR_ECLEVEL_M, QR_MODE_8, 1))
        defer { QRcode_free(symbol) }
        #expect(symbol.pointee.version >= 1)
        #expect(symbol.pointee.width == symbol.pointee.version * 4 + 17)
        // Each module's low bit is 1 for dark; a real symbol has both.
        let modules = UnsafeBufferPointer(start: symbol.pointee.data, count: Int(symbol.pointee.width * symbol.pointee.width))
        #expect(modules.contains { $0 & 1 == 1 } && modules.contains { $0 & 1 == 0 })
    }

    @Test("pango lays out Chinese text with a CJK font and no missing glyphs")
    func pangoChineseLayout() throws {
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 576, 200))
        defer { cairo_surface_destroy(surface) }
        let cairo = try #require(cairo_create(surface))
        defer { cairo_destroy(cairo) }
        let layout = try #require(pango_cairo_create_layout(cairo))
        defer { kiosk_g_object_unref(UnsafeMutableRawPointer(layout)) }
        let font = pango_font_description_from_string("Noto Sans CJK SC 24")
        defer { pango_font_description_free(font) }
        pango_layout_set_font_description(layout, font)
        pango_layout_set_text(layout, "社会保险费电子票据 ¥430.00", -1)
        var width: Int32 = 0, height: Int32 = 0
        pango_layout_get_pixel_size(layout, &width, &height)
        #expect(width > 200 && height > 20)
        #expect(pango_layout_get_unknown_glyphs_count(layout) == 0)
    }
}
