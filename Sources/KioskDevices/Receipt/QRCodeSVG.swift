import KioskCore

/// A QR code as an SVG drawing for the touch screen: one path of the dark runs, the quiet zone
/// included, scaled by the page. Shares libqrencode and level M with the printed receipts.
public enum QRCodeSVG {
    public static func svg(for payload: String) -> String? {
        guard let symbol = try? QRSymbol(encoding: payload) else { return nil }
        let quiet = 4
        let side = symbol.width + 2 * quiet
        var path = ""
        for row in 0..<symbol.width {
            for run in symbol.darkRuns(row: row) {
                path += "M\(run.start + quiet) \(row + quiet)h\(run.length)v1h-\(run.length)z"
            }
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img" aria-label="支付二维码">\
        <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
        """
    }
}
