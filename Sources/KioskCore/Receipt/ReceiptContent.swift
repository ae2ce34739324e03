import Foundation

/// What goes on paper for a document, as blocks from top to bottom, independent of how it is rendered.
public struct ReceiptContent: Sendable, Hashable {
    public var blocks: [ReceiptBlock]

    public init(blocks: [ReceiptBlock]) {
        self.blocks = blocks
    }

    /// `printedAt` dates the registration slip (the test page carries its own time).
    public init(_ document: ReceiptDocument, printer: PrinterModel, printedAt: Date) {
        switch document {
        case .electronicReceipt(let receipt): self = Self.electronicReceipt(receipt)
        case .registrationSlip(let slip): self = Self.registrationSlip(slip, printedAt: printedAt)
        case .testPage(let kioskID, let time): self = Self.testPage(kioskID: kioskID, printedAt: time, printer: printer)
        }
    }

    /// The text of every block, one entry per line as written (before wrapping); QR codes as their caption.
    public var lines: [String] {
        blocks.compactMap { block in
            switch block {
            case .heading(let text), .text(let text, _): text
            case .field(let label, let value): "\(label)：\(value)"
            case .amount(let label, let figures, _): "\(label)  \(figures)"
            case .rule: nil
            case .qrCode(_, let caption): caption
            case .ruler(let millimetres): "0–\(millimetres) mm"
            }
        }
    }
}
