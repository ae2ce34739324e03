import Foundation
import KioskCore
import Logging

/// A journal write, performed in order by one writer so the journal sees intent → submitted → outcome.
enum JournalWrite: Sendable {
    /// Answers `paymentIntentJournaled` / `paymentIntentJournalFailed` to session `serial`.
    case intent(PaymentIntent, serial: Int)
    case submitted(key: String, paymentID: String)
    case state(key: String, JournalPaymentState)
    case receipt(key: String, JournalReceiptState)
    case anomaly(key: String, differences: [String])
}

extension SessionController {
    /// The key is made here, not in the machine: the machine has no randomness.
    func journalIntent(_ order: PaymentOrder) {
        let intent = PaymentIntent(
            idempotencyKey: makeKey(), personRef: order.personRef, payerRef: order.payerRef, year: order.year,
            tier: order.tierID, amount: order.amount, method: order.method, createdAt: now()
        )
        enqueue(.intent(intent, serial: sessionSerial))
    }

    /// Hands a write to the one journal writer, in order; `journalWritesPending` counts it until written.
    func enqueue(_ write: JournalWrite) {
        journalWritesPending += 1
        journalWrites.yield(write)
    }

    func write(_ write: JournalWrite) async {
        defer { journalWritesPending -= 1 }
        let journal = journal
        let date = now()
        do throws(KioskError) {
            switch write {
            case .intent(let intent, let serial):
                do throws(KioskError) {
                    try await journal.recordIntent(intent)
                } catch {
                    logger.error("journal refused the payment intent: no payment", metadata: [SessionLogKey.errorCode: "\(error.code)"])
                    deliver(.paymentIntentJournalFailed(SessionProblem(local: error)), serial: serial)
                    return
                }
                deliver(.paymentIntentJournaled(idempotencyKey: intent.idempotencyKey), serial: serial)
            case .submitted(let key, let paymentID):
                try await journal.recordSubmitted(key: key, paymentID: paymentID, at: date)
            case .state(let key, let state):
                try await journal.recordState(key: key, state, at: date)
            case .receipt(let key, let receipt):
                try await journal.recordReceipt(key: key, receipt, at: date)
            case .anomaly(let key, let differences):
                try await journal.recordAnomaly(key: key, differences, at: date)
            }
        } catch {
            // The entry stays where it was: reconciliation brings it to the backend's state, now.
            logger.error("journal write failed", metadata: [SessionLogKey.errorCode: "\(error.code)"])
            send(.journalWriteFailed(error.code))
        }
    }
}
