/// Codes the resident session produces itself.
extension KioskError.Code {
    /// A tier's amount or due is negative, or a payable enrollment has nothing due.
    public static let sessionAmountInvalid = Self("session.amount_invalid")
    /// The amount is above this kiosk's `payment.max_amount_fen`.
    public static let sessionAmountAboveMaximum = Self("session.amount_above_maximum")
    /// The backend's payment is for another amount than the one the resident confirmed.
    public static let sessionAmountChanged = Self("session.amount_changed")
    /// The enrollment contradicts itself (another person or year, unknown status, missing tier…).
    public static let sessionEnrollmentInconsistent = Self("session.enrollment_inconsistent")
    /// An answer about another payment than the one in flight (or a receipt of another payment):
    /// a broken backend, never silence — the payment is left to reconciliation.
    public static let sessionPaymentMismatch = Self("session.payment_mismatch")
    /// The backend charged the resident for something other than what they confirmed (amount, person,
    /// year or tier): recorded, flagged for technicians, and the resident told.
    public static let sessionChargedOtherThanConfirmed = Self("session.charged_other_than_confirmed")
    /// The backend (or the journal) gave no usable answer within `SessionSettings.maximumWaitSeconds`.
    public static let sessionNoAnswer = Self("session.no_answer")
    /// The backend reported a payment status this kiosk does not know.
    public static let sessionPaymentStatusUnknown = Self("session.payment_status_unknown")
    public static let sessionTimedOut = Self("session.timed_out")
    /// A technician's read of holder data while a resident is at the kiosk: refused, the resident's read comes first.
    public static let sessionResidentBeingServed = Self("session.resident_being_served")
    public static let cardRemoved = Self("card.removed")
    public static let cardUnreadable = Self("card.unreadable")
    /// The payer did not confirm on the phone (or the provider never answered) in time; the payment was reversed.
    public static let paymentNotConfirmed = Self("payment.not_confirmed")
    public static let paymentQRExpired = Self("payment.qr_expired")
    /// The backend's pay link for the on-screen QR is missing or outside `payment.qr_url_origins`: not shown, reversed.
    public static let paymentQRRefused = Self("payment.qr_refused")
    public static let paymentCancelled = Self("payment.cancelled")
    public static let paymentReversed = Self("payment.reversed")
    /// The outcome could not be learnt; reconciliation settles it from the journal, at once.
    public static let paymentUnresolved = Self("payment.unresolved")
    public static let printerPaperOut = Self("printer.paper_out")
    public static let printerJammed = Self("printer.jammed")
    public static let printerOffline = Self("printer.offline")
    public static let printFailed = Self("printer.print_failed")
    public static let serviceUnavailable = Self("service.unavailable")
}
