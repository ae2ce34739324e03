/// The backend contract's problem codes (openapi.yaml, Problem.code) that the session acts on.
/// The controller turns a backend problem into a `KioskError.Code` with the same text.
extension KioskError.Code {
    public static let identityNotFound = Self("identity.not_found")
    public static let identityMismatch = Self("identity.mismatch")
    public static let identityTokenInvalid = Self("identity.token_invalid")
    /// The session's own: too many typed name and ID number pairs were refused (not found, mismatch).
    public static let identityTooManyAttempts = Self("identity.too_many_attempts")
    public static let enrollmentNotFound = Self("enrollment.not_found")
    public static let enrollmentNotEligible = Self("enrollment.not_eligible")
    public static let enrollmentWindowNotOpen = Self("enrollment.window_not_open")
    public static let enrollmentWindowClosed = Self("enrollment.window_closed")
    public static let enrollmentWindowClosedPayElsewhere = Self("enrollment.window_closed_pay_elsewhere")
    public static let enrollmentAlreadyPaid = Self("enrollment.already_paid")
    public static let enrollmentNothingToPay = Self("enrollment.nothing_to_pay")
    public static let paymentAmountMismatch = Self("payment.amount_mismatch")
    public static let paymentDeclined = Self("payment.declined")
    public static let paymentNotFound = Self("payment.not_found")
    public static let paymentNotReversible = Self("payment.not_reversible")
    public static let paymentInProgress = Self("payment.in_progress")
    /// The enrollment says a payment for the person and year is still open (at any kiosk).
    public static let enrollmentPaymentInProgress = Self("enrollment.payment_in_progress")
    /// A create under a key the kiosk (or reconciliation) fenced: refused, nothing charged.
    public static let paymentIdempotencyKeyVoided = Self("payment.idempotency_key_voided")
    public static let paymentPayerNotRelated = Self("payment.payer_not_related")
    public static let idempotencyConflict = Self("idempotency.conflict")
    public static let receiptNotReady = Self("receipt.not_ready")
    public static let requestInvalid = Self("request.invalid")

    /// The refusals that mean "not at this kiosk, not now": shown with the backend's text, no payment.
    public static let enrollmentRefusals: Set<Self> = [
        .enrollmentNotEligible, .enrollmentWindowNotOpen, .enrollmentWindowClosed,
        .enrollmentWindowClosedPayElsewhere, .enrollmentAlreadyPaid, .enrollmentNothingToPay,
    ]
}
