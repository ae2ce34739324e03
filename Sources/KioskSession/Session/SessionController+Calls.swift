import Foundation
import KioskBackendAPI
import KioskCore
import Logging

extension SessionController {
    func perform(_ action: SessionAction) {
        logger.trace("session action", metadata: [SessionLogKey.action: "\(action.name)"])
        switch action {
        case .startTimer(let kind, let seconds, let generation): startTimer(kind, seconds: seconds, generation: generation)
        case .cancelTimer(let kind): cancelTimer(kind)
        case .readCard(let kind): readCard(kind)
        case .resolveIdentity(let claim): resolveIdentity(claim)
        case .loadEnrollment(let personRef, let year): loadEnrollment(personRef: personRef, year: year)
        case .loadPaymentHistory(let personRef): loadPaymentHistory(personRef: personRef)
        case .checkPrinter: checkPrinter()
        case .journalPaymentIntent(let order): journalIntent(order)
        case .submitPayment(let key, let order, let payCode): submitPayment(key: key, order, payCode: payCode)
        case .journalSubmission(let key, let paymentID): enqueue(.submitted(key: key, paymentID: paymentID))
        case .journalPaymentState(let key, let state): enqueue(.state(key: key, state))
        case .journalReceipt(let key, let receipt): enqueue(.receipt(key: key, receipt))
        case .journalAnomaly(let key, let paymentID, let differences):
            logger.error("the backend's payment differs from what the resident confirmed: flagged for technicians", metadata: [
                SessionLogKey.paymentKey: "\(JournalKey.short(key))", SessionLogKey.paymentID: "\(paymentID)",
                SessionLogKey.differences: "\(differences.joined(separator: ","))",
            ])
            SessionMetrics.paymentAnomaly()
            enqueue(.anomaly(key: key, differences: differences))
        case .queryPayment(let paymentID): queryPayment(paymentID)
        case .fencePaymentKey(let key): fencePayment(idempotencyKey: key)
        case .reversePayment(let paymentID, let key): reversePayment(paymentID, key: key)
        case .fetchReceipt(let paymentID): fetchReceipt(paymentID)
        case .printDocument(let document): printDocument(document)
        case .recordSessionEnd(let reason): logger.info("session ended", metadata: [SessionLogKey.endReason: "\(reason)"])
        case .reconcilePayments:
            logger.warning("a payment has no final journal state: reconciling now; no payments until it is settled")
            reconciliationRequests.continuation.yield()
        }
    }

    /// Runs `body` off the actor and delivers its event to the session it was started for.
    func call(_ body: @escaping @Sendable () async -> SessionEvent) {
        let serial = sessionSerial
        let id = UUID()
        calls[id] = Task { [weak self] in
            let event = await body()
            guard !Task.isCancelled else { return }
            await self?.finishCall(id, event, serial: serial)
        }
    }

    func finishCall(_ id: UUID, _ event: SessionEvent, serial: Int) {
        calls[id] = nil
        deliver(event, serial: serial)
    }

    func readCard(_ kind: CardKind) {
        let reader = devices.cardReader
        call {
            do throws(KioskError) {
                return .cardRead(try await reader.read(kind).claim)
            } catch {
                return .cardReadFailed(SessionProblem(local: error))
            }
        }
    }

    /// Before any money moves: the journal can record the payment, then the receipt can be printed.
    func checkPrinter() {
        let printer = devices.printer
        let journal = journal
        let logger = logger
        call {
            if case .full(let freeBytes) = await journal.capacity() {
                logger.error("the journal's disk is full: no payment starts", metadata: [SessionLogKey.freeBytes: "\(freeBytes)"])
                return .journalCannotCommit
            }
            return .printerChecked(await printer.readiness())
        }
    }

    func printDocument(_ document: ReceiptDocument) {
        let printer = devices.printer
        call {
            do throws(KioskError) {
                try await printer.print(document)
                return .documentPrinted
            } catch {
                return .printFailed(SessionProblem(local: error))
            }
        }
    }
}
