/// A bitmap as an ESC/POS job: `ESC @` (initialise), the image as `GS v 0` raster blocks, a few lines
/// of feed and `GS V 66 0` (feed to the cutter and cut).
///
/// The image goes in bands of at most 255 rows rather than one block: yH stays 0, which older
/// firmware requires, and each band (at most 72 × 255 bytes) fits the small receive buffers of
/// cheap printers, which print a band while the next arrives.
enum ESCPOSRasterEncoder {
    static let initialise: [UInt8] = [0x1B, 0x40]
    static let bandRows = 255
    /// ESC d 3: three lines of feed so the last line clears the tear bar before the cut.
    static let feed: [UInt8] = [0x1B, 0x64, 0x03]
    static let cut: [UInt8] = [0x1D, 0x56, 0x42, 0x00]

    static func encode(_ bitmap: MonochromeBitmap) -> [UInt8] {
        var bytes = initialise
        bytes.reserveCapacity(bitmap.bytesPerRow * bitmap.height + (bitmap.height / bandRows + 1) * 8 + 16)
        for start in stride(from: 0, to: bitmap.height, by: bandRows) {
            let rows = min(bandRows, bitmap.height - start)
            bytes += [0x1D, 0x76, 0x30, 0x00]
            bytes += littleEndian(bitmap.bytesPerRow) + littleEndian(rows)
            bytes += bitmap.rows(start..<start + rows)
        }
        return bytes + feed + cut
    }

    private static func littleEndian(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)]
    }
}
