extension SessionState {
    /// True while the state holds anything about a person: claim, person, enrollment, payment or receipt.
    public var holdsPersonalData: Bool {
        switch self {
        case .attract, .typingIdentity, .readingCard, .takingReceipt, .finished, .failed, .outOfService, .maintenance, .stopped:
            false
        default:
            true
        }
    }

    /// A resident is being served (maintenance and out-of-service wait until none is).
    public var isSessionActive: Bool {
        switch self {
        case .attract, .finished, .failed, .outOfService, .maintenance, .stopped: false
        default: true
        }
    }

    /// A payment may be moving: no timeouts, and cancel means "reverse and end".
    public var hasMoneyInFlight: Bool {
        switch self {
        case .journalingIntent, .submitting, .resolvingSubmission, .awaitingPayer, .showingQR, .reversing, .atTerminal,
             .resolvingTerminal, .reversingAtTerminal:
            true
        default: false
        }
    }

    /// The journaled payment, while one is in flight.
    public var paymentInFlight: PaymentInFlight? {
        switch self {
        case .submitting(let flight), .resolvingSubmission(let flight, _, _), .awaitingPayer(let flight, _, _),
             .showingQR(let flight, _), .reversing(let flight, _, _), .atTerminal(let flight, _), .resolvingTerminal(let flight, _, _),
             .reversingAtTerminal(let flight, _, _):
            flight
        default:
            nil
        }
    }
}
