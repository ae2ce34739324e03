import KioskCore

/// The keys of a `Devices/printers/*.toml` file; problems name the file and key.
extension PrinterModel {
    static let profileKeys = ["": ["name", "paper_width_mm", "printable_width_mm", "dpi", "format"]]

    /// Nil when a key is missing or wrong (each is reported).
    init?(id: String, profile: DeviceProfileReader) {
        let name = profile.string("name")
        let paperWidth = Self.loadPaperWidth(profile)
        let printableWidth = paperWidth.flatMap { Self.loadPrintableWidth(profile, paperWidth: $0) }
        let dotsPerInch = Self.loadDotsPerInch(profile)
        let format = Self.loadFormat(profile)
        guard let name, let paperWidth, let printableWidth, let dotsPerInch, let format else { return nil }
        self.init(id: id, name: name, paperWidthMillimetres: paperWidth, printableWidthMillimetres: printableWidth, dotsPerInch: dotsPerInch, format: format)
    }

    static func loadPaperWidth(_ profile: DeviceProfileReader) -> Int? {
        guard let width = profile.int("paper_width_mm") else { return nil }
        guard (20...216).contains(width) else { return profile.problem("paper_width_mm", "\(width) is not 20…216") }
        return width
    }

    static func loadDotsPerInch(_ profile: DeviceProfileReader) -> Int? {
        guard let dpi = profile.int("dpi") else { return nil }
        guard (100...600).contains(dpi) else { return profile.problem("dpi", "\(dpi) is not 100…600") }
        return dpi
    }

    /// `printable_width_mm`: 72 for 80 mm paper and 48 for 58 mm unless given; required for other papers.
    static func loadPrintableWidth(_ profile: DeviceProfileReader, paperWidth: Int) -> Int? {
        guard profile.has("printable_width_mm") else {
            switch paperWidth {
            case 80: return 72
            case 58: return 48
            default: return profile.problem("printable_width_mm", "required for \(paperWidth) mm paper (defaults exist only for 58 and 80)")
            }
        }
        guard let width = profile.int("printable_width_mm") else { return nil }
        guard (10...paperWidth).contains(width) else { return profile.problem("printable_width_mm", "\(width) is not 10…\(paperWidth)") }
        return width
    }

    /// `format`: "pdf" (the default, for driver queues) or "escpos" (raw queues).
    static func loadFormat(_ profile: DeviceProfileReader) -> ReceiptFormat? {
        guard profile.has("format") else { return .pdf }
        guard let name = profile.string("format") else { return nil }
        guard let format = ReceiptFormat(profileName: name) else { return profile.problem("format", "\"\(name)\" is not pdf or escpos") }
        return format
    }
}
