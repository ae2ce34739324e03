/// What a printer queue accepts: PDF for driver queues (CUPS rasterises it), or ESC/POS raster bytes
/// for raw queues that pass the job straight to the printer.
public enum ReceiptFormat: String, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case escposRaster = "application/vnd.escpos"

    /// The `format` value of a `Devices/printers/*.toml` file.
    public var profileName: String {
        switch self {
        case .pdf: "pdf"
        case .escposRaster: "escpos"
        }
    }

    public init?(profileName: String) {
        guard let format = Self.allCases.first(where: { $0.profileName == profileName }) else { return nil }
        self = format
    }
}
