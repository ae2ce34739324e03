/// A receipt to fetch from the backend.
public struct ReceiptJob: Sendable, Hashable {
    public var paymentID: String
    public var purpose: PrintPurpose

    public init(paymentID: String, purpose: PrintPurpose) {
        self.paymentID = paymentID
        self.purpose = purpose
    }
}

/// A document being printed (the fetched receipt rendered, or a registration slip).
public struct PrintJob: Sendable, Hashable {
    public var document: ReceiptDocument
    public var purpose: PrintPurpose

    public init(document: ReceiptDocument, purpose: PrintPurpose) {
        self.document = document
        self.purpose = purpose
    }
}
