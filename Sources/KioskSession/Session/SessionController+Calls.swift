import Foundation
import KioskBackendAPI
import KioskCore
import Logging

extension SessionController {
    func perform(_ action: SessionAction) {
        logger.trace("session action", metadata: [LogKey.sessionAction: "\(action.name)"])
        switch action {
        case .startTimer(let kind, let seconds, let generation): startTimer(kind, seconds: seconds, generation: generation)
        case .cancelTimer(let kind): cancelTimer(kind)
        case .readCard(let kind): readCard(kind)
        case .resolveIdentity(let claim): resolveIdentity(claim)
        case .loadEnrollment(let personRef, let year): loadEnrollment(personRef: personRef, year: year)
        case .loadPaymentHistory(let personRef): loadPaymentHistory(personRef: personRef)
        case .checkPrinter: checkPrinter()
        case .journalPaymentIntent(let order): journalIntent(order)
        case .submitPayment(let key, let order, let payCode, let card): submitPayment(key: key, order, payCode: payCode, card: card)
        case .payAtTerminal(let key, let amount): payAtTerminal(key: key, amount: amount)
        case .queryTerminal(let key, let amount): queryTerminal(key: key, amount: amount)
        case .abortAtTerminal(let key, let amount): abortAtTerminal(key: key, amount: amount)
        case .reverseAtTerminal(let approval, let reason): reverseAtTerminal(approval, reason: reason)
        case .journalCardApproval(let key, let approval): enqueue(.cardApproval(key: key, approval))
        case .journalSubmission(let key, let paymentID): enqueue(.submitted(key: key, paymentID: paymentID))
        case .journalPaymentState(let key, let state): enqueue(.state(key: key, state))
        case .journalReceipt(let key, let receipt): enqueue(.receipt(key: key, receipt))
        case .journalAnomaly(let key, let paymentID, let differences):
            logger.error("the backend's payment differs from what the resident confirmed: flagged for technicians", metadata: [
                LogKey.paymentKey: "\(JournalKey.short(key))", LogKey.paymentID: "\(paymentID)",
                LogKey.differences: "\(differences.joined(separator: ","))",
            ])
            SessionMetrics.paymentAnomaly()
            enqueue(.anomaly(key: key, differences: differences))
        case .queryPayment(let paymentID): queryPayment(paymentID)
        case .fencePaymentKey(let key): fencePayment(idempotencyKey: key)
        case .reversePayment(let paymentID, let key): reversePayment(paymentID, key: key)
        case .fetchReceipt(let paymentID): fetchReceipt(paymentID)
        case .printDocument(let document): printDocument(document)
        case .recordSessionEnd(let reason): logger.info("session ended", metadata: [LogKey.endReason: "\(reason)"])
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
                logger.error("the journal's disk is full: no payment starts", metadata: [LogKey.freeBytes: "\(freeBytes)"])
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
                logger.info("backend call failed", metadata: [LogKey.errorCode: "\(error.backendProblem?.code ?? error.code.rawValue)"])
                return failed(SessionProblem(backend: error))
            }
        }
    }

    func resolveIdentity(_ claim: IdentityClaim) {
        backendCall({ backend throws(KioskError) in .personResolved(Person(try await backend.resolveIdentity(claim.backendClaim))) },
                    failed: SessionEvent.personLookupFailed)
    }

    func loadEnrollment(personRef: String, year: Int) {
        backendCall({ backend throws(KioskError) in
            .enrollmentLoaded(Enrollment(try await backend.enrollment(personRef: personRef, year: year)))
        }, failed: SessionEvent.enrollmentLookupFailed)
    }

    func loadPaymentHistory(personRef: String) {
        backendCall({ backend throws(KioskError) in
            .historyLoaded(PaymentHistoryEntry.history(try await backend.payments(personRef: personRef)))
        }, failed: SessionEvent.historyLoadFailed)
    }

    func submitPayment(key: String, _ order: PaymentOrder, payCode: PayCode?, card: CardApproval?) {
        let request = order.backendRequest(kioskID: kioskID, payCode: payCode, card: card)
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

/// A journal write, performed in order by one writer so the journal sees intent → submitted → outcome.
enum JournalWrite: Sendable {
    /// Answers `paymentIntentJournaled` / `paymentIntentJournalFailed` to session `serial`.
    case intent(PaymentIntent, serial: Int)
    case submitted(key: String, paymentID: String)
    case state(key: String, JournalPaymentState)
    case receipt(key: String, JournalReceiptState)
    case anomaly(key: String, differences: [String])
    case cardApproval(key: String, CardApproval)
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
                    logger.error("journal refused the payment intent: no payment", metadata: [LogKey.errorCode: "\(error.code)"])
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
            case .cardApproval(let key, let approval):
                try await journal.recordCardApproval(key: key, approval, at: date)
            }
        } catch {
            // The entry stays where it was: reconciliation brings it to the backend's state, now.
            logger.error("journal write failed", metadata: [LogKey.errorCode: "\(error.code)"])
            send(.journalWriteFailed(error.code))
        }
    }
}

extension SessionController {
    /// One call to the payment terminal, or `terminal.unreachable` when none is configured.
    func terminalCall(
        _ operation: @escaping @Sendable (any PaymentTerminal) async throws(KioskError) -> SessionEvent,
        failed: @escaping @Sendable (SessionProblem) -> SessionEvent
    ) {
        let terminal = devices.terminal
        let logger = logger
        call {
            guard let terminal else { return failed(SessionProblem(.terminalUnreachable)) }
            do throws(KioskError) {
                return try await operation(terminal)
            } catch {
                logger.info("payment terminal call failed", metadata: [LogKey.errorCode: "\(error.code)"])
                return failed(SessionProblem(terminal: error))
            }
        }
    }

    func terminalRequest(key: String, amount: Money) -> TerminalPaymentRequest {
        TerminalPaymentRequest(transactionID: key, createdAt: now(), amount: amount)
    }

    func payAtTerminal(key: String, amount: Money) {
        let request = terminalRequest(key: key, amount: amount)
        terminalCall({ terminal throws(KioskError) in .terminalAnswered(try await terminal.pay(request)) },
                     failed: SessionEvent.terminalFailed)
    }

    func queryTerminal(key: String, amount: Money) {
        let request = terminalRequest(key: key, amount: amount)
        terminalCall({ terminal throws(KioskError) in .terminalStatusFound(try await terminal.status(of: request)) },
                     failed: SessionEvent.terminalStatusFailed)
    }

    /// Best effort: the payment's own answer settles it either way, so a failed abort is only logged.
    func abortAtTerminal(key: String, amount: Money) {
        guard let terminal = devices.terminal else { return }
        let request = terminalRequest(key: key, amount: amount)
        let logger = logger
        Task {
            do throws(KioskError) {
                try await terminal.abort(request)
            } catch {
                logger.warning("the payment terminal did not take the abort", metadata: [LogKey.errorCode: "\(error.code)"])
            }
        }
    }

    func reverseAtTerminal(_ approval: CardApproval, reason: TerminalReversalReason) {
        terminalCall({ terminal throws(KioskError) in .terminalReversed(try await terminal.reverse(approval, reason: reason)) },
                     failed: SessionEvent.terminalReversalFailed)
    }
}
