/// A receipt printer model of the device database (`Devices/printers/*.toml`).
public struct PrinterModel: Sendable, Equatable {
    public var id: String
    public var name: String
    public var paperWidthMillimetres: Int
    /// The width the head reaches (72 mm of 80, 48 mm of 58); `printable_width_mm`, defaulted for those two papers.
    public var printableWidthMillimetres: Int
    public var dotsPerInch: Int
    /// `format = "pdf" | "escpos"`; pdf unless the file says otherwise.
    public var format: ReceiptFormat

    public init(
        id: String, name: String, paperWidthMillimetres: Int, printableWidthMillimetres: Int, dotsPerInch: Int, format: ReceiptFormat = .pdf
    ) {
        self.id = id
        self.name = name
        self.paperWidthMillimetres = paperWidthMillimetres
        self.printableWidthMillimetres = printableWidthMillimetres
        self.dotsPerInch = dotsPerInch
        self.format = format
    }

    /// Dots across the printable width, in whole bytes: 576 at 72 mm and 384 at 48 mm. "203 dpi" heads
    /// are 8 dots/mm, so mm × dpi / 25.4 (575.4, 383.6) is rounded to the nearest multiple of 8.
    public var printableDots: Int {
        let dots = Double(printableWidthMillimetres) * Double(dotsPerInch) / 25.4
        return Int((dots / 8).rounded()) * 8
    }
}
