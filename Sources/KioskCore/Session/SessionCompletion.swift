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
