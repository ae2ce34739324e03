import CPangoCairo
import KioskCore

/// A printed raster as a PNG image, black dots on white paper, written by cairo's PNG encoder.
enum PNGReceiptImage {
    static func encode(_ bitmap: MonochromeBitmap) throws(KioskError) -> [UInt8] {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(bitmap.width), Int32(bitmap.height)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw KioskError(.printerRenderFailed, "cannot create a \(bitmap.width)×\(bitmap.height) image")
        }
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { throw KioskError(.printerRenderFailed, "the image has no pixel data") }
        let stride = Int(cairo_image_surface_get_stride(surface))
        for row in 0..<bitmap.height {
            let pixels = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<bitmap.width {
                pixels[column] = bitmap.isBlack(x: column, y: row) ? 0x000000 : 0xFFFFFF
            }
        }
        cairo_surface_mark_dirty(surface)
        let sink = Sink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw KioskError(.printerRenderFailed, "cairo could not write the PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.bytes
    }

    private final class Sink {
        var bytes: [UInt8] = []
    }
}
