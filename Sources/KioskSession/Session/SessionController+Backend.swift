import KioskBackendAPI
import KioskCore
import Logging

extension SessionController {
    /// One backend call: its answer, or its failure as a `SessionProblem`.
    func backendCall(
        _ operation: @escaping @Sendable (any BackendClient) async throws(KioskError) -> SessionEvent,
        failed: @escaping @Sendable (SessionProblem) -> SessionEvent
    ) {
        let backend = backend
        let logger = logger
        call {
            do throws(KioskError) {
                return try await operation(backend)
            } catch {
                logger.info("backend call failed", metadata: [SessionLogKey.errorCode: "\(error.backendProblem?.code ?? error.code.rawValue)"])
                return failed(SessionProblem(backend: error))
            }
        }
    }

    func resolveIdentity(_ claim: IdentityClaim) {
        backendCall({ backend throws(KioskError) in .personResolved(SessionPerson(try await backend.resolveIdentity(claim.backendClaim))) },
                    failed: SessionEvent.personLookupFailed)
    }

    func loadEnrollment(personRef: String, year: Int) {
        backendCall({ backend throws(KioskError) in
            .enrollmentLoaded(SessionEnrollment(try await backend.enrollment(personRef: personRef, year: year)))
        }, failed: SessionEvent.enrollmentLookupFailed)
    }

    func loadPaymentHistory(personRef: String) {
        backendCall({ backend throws(KioskError) in
            .historyLoaded(PaymentHistoryEntry.history(try await backend.payments(personRef: personRef)))
        }, failed: SessionEvent.historyLoadFailed)
    }

    func submitPayment(key: String, _ order: PaymentOrder, payCode: PayCode?) {
        let request = order.backendRequest(kioskID: kioskID, payCode: payCode)
        backendCall({ backend throws(KioskError) in
            .paymentSubmitted(PaymentSnapshot(try await backend.createPayment(request, idempotencyKey: key)))
        }, failed: SessionEvent.paymentSubmissionFailed)
    }

    func queryPayment(_ paymentID: String) {
        backendCall({ backend throws(KioskError) in .paymentQueried(PaymentSnapshot(try await backend.payment(id: paymentID))) },
                    failed: SessionEvent.paymentQueryFailed)
    }

    /// A lost create is settled by fencing its key: the payment made under it, or voided for good.
    func fencePayment(idempotencyKey key: String) {
        backendCall({ backend throws(KioskError) in
            switch try await backend.fencePayment(idempotencyKey: key) {
            case .created(let payment): .paymentQueried(PaymentSnapshot(payment))
            case .voided: .paymentKeyVoided
            }
        }, failed: SessionEvent.paymentQueryFailed)
    }

    func reversePayment(_ paymentID: String, key: String) {
        backendCall({ backend throws(KioskError) in
            .paymentReversed(PaymentSnapshot(try await backend.reversePayment(id: paymentID, idempotencyKey: key)))
        }, failed: SessionEvent.paymentReversalFailed)
    }

    func fetchReceipt(_ paymentID: String) {
        backendCall({ backend throws(KioskError) in .receiptFetched(ElectronicReceipt(try await backend.receipt(paymentID: paymentID))) },
                    failed: SessionEvent.receiptFetchFailed)
    }
}
