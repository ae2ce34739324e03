import CQREncode
import KioskCore

/// A QR code symbol from libqrencode, error correction level M, without its quiet zone.
struct QRSymbol {
    /// Modules per side.
    let width: Int
    private let dark: [Bool]

    init(encoding payload: String) throws(KioskError) {
        guard !payload.isEmpty, !payload.contains("\0") else {
            throw KioskError(.printerRenderFailed, "QR payload is empty or contains NUL")
        }
        guard let symbol = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw KioskError(.printerRenderFailed, "libqrencode cannot encode a \(payload.utf8.count)-byte payload at level M")
        }
        defer { QRcode_free(symbol) }
        width = Int(symbol.pointee.width)
        // The low bit of each module byte is 1 for dark; the other bits describe the module's role.
        dark = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width).map { $0 & 1 == 1 }
    }

    func isDark(x: Int, y: Int) -> Bool { dark[y * width + x] }

    /// The dark runs of row `y` as (first module, length), to draw each as one rectangle without seams.
    func darkRuns(row y: Int) -> [(start: Int, length: Int)] {
        var runs: [(start: Int, length: Int)] = []
        var x = 0
        while x < width {
            guard isDark(x: x, y: y) else { x += 1; continue }
            let start = x
            while x < width, isDark(x: x, y: y) { x += 1 }
            runs.append((start, x - start))
        }
        return runs
    }
}
