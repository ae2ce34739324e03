/// A 1-bit image as thermal printers and PBM files take it: rows of whole bytes, the most
/// significant bit the leftmost dot, 1 black.
struct MonochromeBitmap: Sendable, Equatable {
    let width: Int
    let height: Int
    let bytesPerRow: Int
    private(set) var bytes: [UInt8]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bytesPerRow = (width + 7) / 8
        bytes = [UInt8](repeating: 0, count: bytesPerRow * height)
    }

    mutating func setBlack(x: Int, y: Int) {
        bytes[y * bytesPerRow + x / 8] |= 0x80 >> UInt8(x % 8)
    }

    func isBlack(x: Int, y: Int) -> Bool {
        bytes[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    func rows(_ range: Range<Int>) -> ArraySlice<UInt8> {
        bytes[range.lowerBound * bytesPerRow..<range.upperBound * bytesPerRow]
    }
}
