/// What a payment is for: everything the backend's PaymentRequest needs except the kiosk id and pay code.
public struct PaymentOrder: Sendable, Hashable {
    public var personRef: String
    public var payerRef: String?
    public var year: Int
    public var tierID: String
    public var amount: Money
    public var method: PaymentMethod

    public init(personRef: String, payerRef: String?, year: Int, tierID: String, amount: Money, method: PaymentMethod) {
        self.personRef = personRef
        self.payerRef = payerRef
        self.year = year
        self.tierID = tierID
        self.amount = amount
        self.method = method
    }
}

/// A payment the resident has chosen but that has not been journaled yet.
public struct PaymentDraft: Sendable, Hashable {
    public var context: EnrollmentContext
    public var method: PaymentMethod
    /// False when the resident chose to continue although the printer cannot print.
    public var printsReceipt: Bool

    public init(context: EnrollmentContext, method: PaymentMethod, printsReceipt: Bool = true) {
        self.context = context
        self.method = method
        self.printsReceipt = printsReceipt
    }

    public var order: PaymentOrder {
        PaymentOrder(
            personRef: context.insured.personRef, payerRef: context.payer?.personRef, year: context.enrollment.year,
            tierID: context.tierID, amount: context.tier?.due ?? .zero, method: method
        )
    }
}

/// A journaled payment: money may be moving from here on.
public struct PaymentInFlight: Sendable, Hashable {
    public var idempotencyKey: String
    public var draft: PaymentDraft
    /// Known once the backend answered the create call (and then journaled).
    public var paymentID: String?
    /// A card payment the terminal approved (journaled before the backend is told of it).
    public var card: CardApproval?

    public init(idempotencyKey: String, draft: PaymentDraft, paymentID: String? = nil, card: CardApproval? = nil) {
        self.idempotencyKey = idempotencyKey
        self.draft = draft
        self.paymentID = paymentID
        self.card = card
    }

    public var order: PaymentOrder { draft.order }
    /// The reversal's own idempotency key (the same one start-up reconciliation uses).
    public var reversalKey: String { idempotencyKey + "-reverse" }
}

/// Why a payment is being reversed, which decides where the session goes once it is.
public enum ReversalReason: Sendable, Hashable {
    case cancelledByResident
    /// The payer never confirmed, or the provider never answered, within the polling limit.
    case notConfirmed
    case qrExpired
    /// The backend's pay link points outside `payment.qr_url_origins`: never shown (review L2).
    case qrRefused
    /// The backend's answer cannot be trusted (amount changed, unknown status): end with this problem.
    case rejected(SessionProblem)
}
