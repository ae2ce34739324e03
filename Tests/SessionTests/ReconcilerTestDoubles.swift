import Foundation
import KioskBackendAPI
import KioskCore
import Logging
import Synchronization

/// The real backend, but its first `failures` calls fail as if the network were down.
final class FlakyBackend: BackendClient {
    let base: any BackendClient
    private let remaining: Mutex<Int>
    private let calls = Mutex(0)

    init(_ base: any BackendClient, failures: Int) {
        self.base = base
        remaining = Mutex(failures)
    }

    var callCount: Int { calls.withLock { $0 } }

    private func gate() throws(KioskError) {
        calls.withLock { $0 += 1 }
        let fail = remaining.withLock { count in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if fail { throw KioskError(.backendUnreachable, "test: the backend is down") }
    }

    func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson { try gate(); return try await base.resolveIdentity(claim) }
    func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment { try gate(); return try await base.enrollment(personRef: personRef, year: year) }
    func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try gate(); return try await base.createPayment(request, idempotencyKey: idempotencyKey)
    }
    func payment(id: String) async throws(KioskError) -> BackendPayment { try gate(); return try await base.payment(id: id) }
    func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence { try gate(); return try await base.fencePayment(idempotencyKey: idempotencyKey) }
    func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try gate(); return try await base.reversePayment(id: id, idempotencyKey: idempotencyKey)
    }
    func payments(personRef: String) async throws(KioskError) -> BackendPaymentList { try gate(); return try await base.payments(personRef: personRef) }
    func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt { try gate(); return try await base.receipt(paymentID: paymentID) }
    func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration {
        try gate(); return try await base.desiredConfiguration(kioskID: kioskID, region: region, ifNoneMatch: etag)
    }
    func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError) { try gate(); try await base.reportState(kioskID: kioskID, report) }
}

/// The real backend, where the payer confirms on the phone just as the kiosk asks for the reversal:
/// the sandbox's provider is queried once more (a user-paying 91 code then succeeds) before the
/// reversal reaches it, so the reversal meets a succeeded payment.
final class PayerConfirmsDuringReversal: BackendClient {
    let base: any BackendClient
    init(_ base: any BackendClient) { self.base = base }

    func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        _ = try await base.payment(id: id)
        return try await base.reversePayment(id: id, idempotencyKey: idempotencyKey)
    }

    func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson { try await base.resolveIdentity(claim) }
    func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment { try await base.enrollment(personRef: personRef, year: year) }
    func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try await base.createPayment(request, idempotencyKey: idempotencyKey)
    }
    func payment(id: String) async throws(KioskError) -> BackendPayment { try await base.payment(id: id) }
    func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence { try await base.fencePayment(idempotencyKey: idempotencyKey) }
    func payments(personRef: String) async throws(KioskError) -> BackendPaymentList { try await base.payments(personRef: personRef) }
    func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt { try await base.receipt(paymentID: paymentID) }
    func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration {
        try await base.desiredConfiguration(kioskID: kioskID, region: region, ifNoneMatch: etag)
    }
    func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError) { try await base.reportState(kioskID: kioskID, report) }
}

/// A clock whose sleeps return at once and are remembered: the service's backoff, without waiting.
final class ReconciliationTestClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let state = Mutex((now: Instant(offset: .zero), sleeps: [Duration]()))

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(state.now.duration(to: deadline))
            state.now = max(state.now, deadline)
        }
        await Task.yield()
    }
}

/// The real backend behind a network that holds every create: the kiosk's call times out at once
/// (an uncertain failure), while the request itself reaches the backend only when the test says so
/// — after the kiosk has settled the lost answer. What H1 of the December 2026 review describes.
final class HeldCreateBackend: BackendClient {
    let base: any BackendClient
    private let held = Mutex<[@Sendable () async -> Void]>([])
    private let outcomes = Mutex<[Result<BackendPayment, KioskError>]>([])

    /// While false, the fence cannot be reached either (the backend is unreachable for it).
    let fencesAnswer = Mutex(true)

    init(_ base: any BackendClient) { self.base = base }

    /// What the held creates got from the backend when they finally arrived.
    var lateOutcomes: [Result<BackendPayment, KioskError>] { outcomes.withLock { $0 } }
    var heldCount: Int { held.withLock { $0.count } }

    /// Lets every held create reach the backend, and waits for their answers.
    func deliverHeld() async {
        for request in held.withLock({ requests in defer { requests = [] }; return requests }) { await request() }
    }

    func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        held.withLock {
            $0.append { [self] in
                do throws(KioskError) {
                    let payment = try await base.createPayment(request, idempotencyKey: idempotencyKey)
                    outcomes.withLock { $0.append(.success(payment)) }
                } catch {
                    outcomes.withLock { $0.append(.failure(error)) }
                }
            }
        }
        throw KioskError(.backendTimeout, "test: the create is held on the way; its answer is lost")
    }

    func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson { try await base.resolveIdentity(claim) }
    func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment { try await base.enrollment(personRef: personRef, year: year) }
    func payment(id: String) async throws(KioskError) -> BackendPayment { try await base.payment(id: id) }
    func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence {
        guard fencesAnswer.withLock({ $0 }) else { throw KioskError(.backendUnreachable, "test: the fence cannot be reached") }
        return try await base.fencePayment(idempotencyKey: idempotencyKey)
    }
    func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try await base.reversePayment(id: id, idempotencyKey: idempotencyKey)
    }
    func payments(personRef: String) async throws(KioskError) -> BackendPaymentList { try await base.payments(personRef: personRef) }
    func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt { try await base.receipt(paymentID: paymentID) }
    func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration {
        try await base.desiredConfiguration(kioskID: kioskID, region: region, ifNoneMatch: etag)
    }
    func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError) { try await base.reportState(kioskID: kioskID, report) }
}
