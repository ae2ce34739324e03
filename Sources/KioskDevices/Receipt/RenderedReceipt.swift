import KioskCore

/// A document rendered for one printer: the bytes to submit and the MIME type to submit them as.
public struct RenderedReceipt: Sendable {
    public let format: ReceiptFormat
    public let data: [UInt8]
    /// "application/pdf", or "application/octet-stream" for raw ESC/POS (what CUPS raw queues accept).
    public let mimeType: String

    init(format: ReceiptFormat, data: [UInt8]) {
        self.format = format
        self.data = data
        self.mimeType = switch format {
        case .pdf: "application/pdf"
        case .escposRaster: "application/octet-stream"
        }
    }
}
