import Foundation
import KioskTesting

/// An ESC/POS raster job read back byte by byte: `ESC @`, `GS v 0` blocks, feed, `GS V 66 0`.
/// Anything else is an error, so the renderer cannot slip in commands the tests do not know.
struct ESCPOSJob {
    var bytesPerRow = 0
    var bandHeights: [Int] = []
    var feedLines = 0
    /// The blocks stacked: rows of `bytesPerRow`, MSB the leftmost dot, 1 black.
    var bitmap: [UInt8] = []

    var rows: Int { bandHeights.reduce(0, +) }
    var widthDots: Int { bytesPerRow * 8 }

    init(parsing bytes: [UInt8]) throws {
        guard bytes.starts(with: [0x1B, 0x40]) else { throw TestFixtureError("job does not start with ESC @") }
        var at = 2
        while bytes[at...].starts(with: [0x1D, 0x76, 0x30]) {
            guard at + 8 <= bytes.count, bytes[at + 3] == 0 else { throw TestFixtureError("GS v 0 at \(at): bad header or mode") }
            let width = Int(bytes[at + 4]) | Int(bytes[at + 5]) << 8
            let height = Int(bytes[at + 6]) | Int(bytes[at + 7]) << 8
            guard bytesPerRow == 0 || width == bytesPerRow else { throw TestFixtureError("GS v 0 at \(at): width \(width) after \(bytesPerRow)") }
            guard at + 8 + width * height <= bytes.count else { throw TestFixtureError("GS v 0 at \(at): data runs past the end") }
            bytesPerRow = width
            bandHeights.append(height)
            bitmap += bytes[(at + 8)..<(at + 8 + width * height)]
            at += 8 + width * height
        }
        if bytes[at...].starts(with: [0x1B, 0x64]), at + 2 < bytes.count {
            feedLines = Int(bytes[at + 2])
            at += 3
        }
        guard Array(bytes[at...]) == [0x1D, 0x56, 0x42, 0x00] else {
            throw TestFixtureError("after the image: \(bytes[at...].prefix(16).map { String(format: "%02X", $0) }) instead of feed and GS V 66 0")
        }
    }

    func isBlack(x: Int, y: Int) -> Bool {
        bitmap[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    /// Portable bitmap (P4): the same bit order as GS v 0, so the rows go in unchanged.
    func writePBM(to path: String) throws {
        var data = Data("P4\n\(widthDots) \(rows)\n".utf8)
        data.append(contentsOf: bitmap)
        try data.write(to: URL(fileURLWithPath: path))
    }
}
