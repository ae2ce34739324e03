/// A printer that remembers its jobs: asked before an owed receipt is printed, so a receipt whose
/// job completed just before a crash is not printed twice.
public protocol ReceiptHistory: Sendable {
    /// True when the printer's history holds a completed job for this document; nil when it cannot tell.
    func wasPrinted(_ document: ReceiptDocument) async -> Bool?
}
