import KioskCore

/// The keys of a `Devices/printers/*.toml` file; problems name the file and key.
extension PrinterModel {
    static let profileKeys = ["": ["name", "paper_width_mm", "printable_width_mm", "dpi", "format"]]

    init(id: String, profile: DeviceProfileReader) throws(KioskError) {
        let paperWidth = try Self.loadPaperWidth(profile)
        self.init(
            id: id, name: try profile.string("name"), paperWidthMillimetres: paperWidth,
            printableWidthMillimetres: try Self.loadPrintableWidth(profile, paperWidth: paperWidth),
            dotsPerInch: try Self.loadDotsPerInch(profile), format: try Self.loadFormat(profile)
        )
    }

    static func loadPaperWidth(_ profile: DeviceProfileReader) throws(KioskError) -> Int {
        let width = try profile.int("paper_width_mm")
        guard (20...216).contains(width) else { throw profile.problem("paper_width_mm", "\(width) is not 20…216") }
        return width
    }

    static func loadDotsPerInch(_ profile: DeviceProfileReader) throws(KioskError) -> Int {
        let dpi = try profile.int("dpi")
        guard (100...600).contains(dpi) else { throw profile.problem("dpi", "\(dpi) is not 100…600") }
        return dpi
    }

    /// `printable_width_mm`: 72 for 80 mm paper and 48 for 58 mm unless given; required for other papers.
    static func loadPrintableWidth(_ profile: DeviceProfileReader, paperWidth: Int) throws(KioskError) -> Int {
        guard profile.has("printable_width_mm") else {
            switch paperWidth {
            case 80: return 72
            case 58: return 48
            default: throw profile.problem("printable_width_mm", "required for \(paperWidth) mm paper (defaults exist only for 58 and 80)")
            }
        }
        let width = try profile.int("printable_width_mm")
        guard (10...paperWidth).contains(width) else { throw profile.problem("printable_width_mm", "\(width) is not 10…\(paperWidth)") }
        return width
    }

    /// `format`: "pdf" (the default, for driver queues) or "escpos" (raw queues).
    static func loadFormat(_ profile: DeviceProfileReader) throws(KioskError) -> ReceiptFormat {
        guard profile.has("format") else { return .pdf }
        let name = try profile.string("format")
        guard let format = ReceiptFormat(profileName: name) else { throw profile.problem("format", "\"\(name)\" is not pdf or escpos") }
        return format
    }
}
