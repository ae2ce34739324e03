import KioskBackendAPI
import KioskCore

/// The session's backend, each call timed as `kiosk_backend_request_duration_seconds{operation}`.
struct MeasuredBackendClient: BackendClient {
    let base: any BackendClient

    init(_ base: any BackendClient) {
        self.base = base
    }

    private func timed<T>(_ operation: String, _ body: () async throws(KioskError) -> T) async throws(KioskError) -> T {
        try await SessionMetrics.timed(SessionMetrics.backendRequest(operation), body)
    }

    func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson {
        try await timed("resolve_identity") { () throws(KioskError) in try await base.resolveIdentity(claim) }
    }

    func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment {
        try await timed("enrollment") { () throws(KioskError) in try await base.enrollment(personRef: personRef, year: year) }
    }

    func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try await timed("create_payment") { () throws(KioskError) in try await base.createPayment(request, idempotencyKey: idempotencyKey) }
    }

    func payment(id: String) async throws(KioskError) -> BackendPayment {
        try await timed("query_payment") { () throws(KioskError) in try await base.payment(id: id) }
    }

    func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence {
        try await timed("fence_payment_key") { () throws(KioskError) in try await base.fencePayment(idempotencyKey: idempotencyKey) }
    }

    func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try await timed("reverse_payment") { () throws(KioskError) in try await base.reversePayment(id: id, idempotencyKey: idempotencyKey) }
    }

    func payments(personRef: String) async throws(KioskError) -> BackendPaymentList {
        try await timed("payment_history") { () throws(KioskError) in try await base.payments(personRef: personRef) }
    }

    func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt {
        try await timed("receipt") { () throws(KioskError) in try await base.receipt(paymentID: paymentID) }
    }

    func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration {
        try await timed("desired_configuration") { () throws(KioskError) in
            try await base.desiredConfiguration(kioskID: kioskID, region: region, ifNoneMatch: etag)
        }
    }

    func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError) {
        try await timed("report_state") { () throws(KioskError) in try await base.reportState(kioskID: kioskID, report) }
    }
}
