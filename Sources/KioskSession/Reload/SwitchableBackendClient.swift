import KioskBackendAPI
import KioskCore
import Synchronization

/// The backend client every part of kioskd holds, whose client a configuration update can replace
/// (new URL, TLS files or timeouts) without those parts noticing. A call already under way finishes
/// on the client it started with.
public final class SwitchableBackendClient: BackendClient {
    private let current: Mutex<any BackendClient>

    public init(_ client: any BackendClient) {
        current = Mutex(client)
    }

    public var client: any BackendClient { current.withLock { $0 } }

    /// The HTTPS client in use (for `kioskctl diag`'s clock check, and to shut it down); nil for another kind.
    public var https: HTTPSBackendClient? { client as? HTTPSBackendClient }

    /// Installs `client` and returns the one it replaces (for the caller to shut down once its calls are done).
    public func replace(with client: any BackendClient) -> any BackendClient {
        current.withLock { old in
            defer { old = client }
            return old
        }
    }

    public func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson {
        try await client.resolveIdentity(claim)
    }

    public func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment {
        try await client.enrollment(personRef: personRef, year: year)
    }

    public func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try await client.createPayment(request, idempotencyKey: idempotencyKey)
    }

    public func payment(id: String) async throws(KioskError) -> BackendPayment {
        try await client.payment(id: id)
    }

    public func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence {
        try await client.fencePayment(idempotencyKey: idempotencyKey)
    }

    public func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try await client.reversePayment(id: id, idempotencyKey: idempotencyKey)
    }

    public func payments(personRef: String) async throws(KioskError) -> BackendPaymentList {
        try await client.payments(personRef: personRef)
    }

    public func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt {
        try await client.receipt(paymentID: paymentID)
    }

    public func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration {
        try await client.desiredConfiguration(kioskID: kioskID, region: region, ifNoneMatch: etag)
    }

    public func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError) {
        try await client.reportState(kioskID: kioskID, report)
    }
}
