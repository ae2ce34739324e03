/// Why a receipt is fetched or a document printed, which decides what the journal hears and how the session ends.
public enum PrintPurpose: Sendable, Hashable {
    /// The receipt of the payment just made (journaled under this key).
    case payment(idempotencyKey: String)
    /// A receipt of an earlier payment.
    case reprint
    /// An exempt resident's registration slip.
    case registration
}

/// A receipt to fetch from the backend.
public struct ReceiptJob: Sendable, Hashable {
    public var paymentID: String
    public var purpose: PrintPurpose

    public init(paymentID: String, purpose: PrintPurpose) {
        self.paymentID = paymentID
        self.purpose = purpose
    }
}

/// A document being printed.
public struct PrintJob: Sendable, Hashable {
    public var document: ReceiptDocument
    public var purpose: PrintPurpose

    public init(document: ReceiptDocument, purpose: PrintPurpose) {
        self.document = document
        self.purpose = purpose
    }
}

/// How a session ended well; holds no personal data.
public enum SessionCompletion: Sendable, Hashable {
    case paid(ReceiptOutcome)
    case reprinted(ReceiptOutcome)
    case registered(ReceiptOutcome)

    public var receipt: ReceiptOutcome {
        switch self {
        case .paid(let outcome), .reprinted(let outcome), .registered(let outcome): outcome
        }
    }
}

public enum ReceiptOutcome: String, Sendable, Hashable {
    case printed
    /// The payment succeeded, the receipt is not printed: the journal keeps it owed (prints later, or reprint).
    case owed
    /// A reprint or slip could not be printed; nothing is owed.
    case notPrinted
}

/// How a session ended, for the controller's logs and metrics.
public enum SessionEndReason: Sendable, Hashable {
    case completed
    case cancelled
    case timedOut
    case cardRemoved
    case failed(KioskError.Code)
    case shutdown
}
