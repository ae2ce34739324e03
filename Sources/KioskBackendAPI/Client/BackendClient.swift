import KioskCore

public typealias BackendPerson = Components.Schemas.Person
public typealias BackendEnrollment = Components.Schemas.Enrollment
public typealias BackendPayment = Components.Schemas.Payment
public typealias BackendPaymentRequest = Components.Schemas.PaymentRequest
public typealias BackendPaymentList = Components.Schemas.PaymentList
public typealias BackendReceipt = Components.Schemas.Receipt
public typealias BackendIdentityClaim = Components.Schemas.IdentityClaim
public typealias BackendSignedConfiguration = Components.Schemas.SignedConfiguration
public typealias BackendStateReport = Components.Schemas.KioskStateReport

/// What the kiosk asks its backend. Every failure is a `KioskError` with a `backend.*` code.
public protocol BackendClient: Sendable {
    func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson
    func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment
    func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment
    func payment(id: String) async throws(KioskError) -> BackendPayment
    /// Fences an idempotency key whose create answer was lost: the payment created under it, or
    /// `.voided` — none was made and the backend will refuse any later create under the key. Only
    /// `.voided` proves that no money moved (a by-key lookup's 404 does not: a create may still be
    /// in flight). Idempotent; what the session and reconciliation ask after a lost answer or a crash.
    func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence
    func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment
    func payments(personRef: String) async throws(KioskError) -> BackendPaymentList
    func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt
    /// The newest signed bundle for this kiosk (by id, or by `region` when given), unless it still has `etag`.
    func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration
    func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError)
}

/// What an idempotency key stands for once fenced (`voidPaymentByIdempotencyKey`).
public enum PaymentKeyFence: Sendable {
    /// The payment made under the key, as getPayment answers it now.
    case created(BackendPayment)
    /// No payment was made under the key, and none ever will be.
    case voided
}

public enum DesiredConfiguration: Sendable, Hashable {
    case unchanged
    case changed(BackendSignedConfiguration, etag: String)
}
