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
    /// The payment created under an idempotency key, or nil when the backend created none under it
    /// (the request never arrived, or it was refused): what reconciliation asks after a crash.
    func payment(idempotencyKey: String) async throws(KioskError) -> BackendPayment?
    func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment
    func payments(personRef: String) async throws(KioskError) -> BackendPaymentList
    func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt
    /// The newest signed bundle for this kiosk (by id, or by `region` when given), unless it still has `etag`.
    func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration
    func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError)
}

public enum DesiredConfiguration: Sendable, Hashable {
    case unchanged
    case changed(BackendSignedConfiguration, etag: String)
}
