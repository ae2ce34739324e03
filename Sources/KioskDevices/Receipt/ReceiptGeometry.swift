import KioskCore

/// The paper in points (1/72 inch, PDF's unit and the layout's) and in printer dots.
struct ReceiptGeometry {
    static let pointsPerMillimetre = 72 / 25.4
    /// Blank paper above and below the content.
    static let verticalMargin = 3 * pointsPerMillimetre

    /// 226.77 pt for 80 mm, 164.41 pt for 58 mm.
    let pageWidth: Double
    /// The printable width, centred on the paper: 204.09 pt (72 mm) of 80 mm.
    let contentWidth: Double
    let leftMargin: Double
    /// Printer dots per point (203 dpi → 2.82), to put QR modules and lines on whole dots.
    let dotsPerPoint: Double
    /// The raster's width: the printable width in whole bytes of dots (576, 384).
    let printableDots: Int

    init(_ printer: PrinterModel) {
        pageWidth = Double(printer.paperWidthMillimetres) * Self.pointsPerMillimetre
        contentWidth = Double(printer.printableWidthMillimetres) * Self.pointsPerMillimetre
        leftMargin = (pageWidth - contentWidth) / 2
        dotsPerPoint = Double(printer.dotsPerInch) / 72
        printableDots = printer.printableDots
    }
}
