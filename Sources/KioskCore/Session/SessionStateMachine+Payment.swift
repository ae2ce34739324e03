extension SessionStateMachine {
    /// Only once the intent is committed to the journal is the backend asked; a journal failure ends
    /// the session with no backend call.
    mutating func journalingIntent(_ draft: PaymentDraft, payCode: PayCode?, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentIntentJournaled(let key):
            let flight = PaymentInFlight(idempotencyKey: key, draft: draft)
            return enter(.submitting(flight)) + [.submitPayment(idempotencyKey: key, draft.order, payCode: payCode)]
        case .paymentIntentJournalFailed(let problem):
            return fail(problem)
        default:
            return []
        }
    }

    mutating func submitting(_ flight: PaymentInFlight, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentSubmitted(let snapshot):
            return settle(snapshot, flight, pollsLeft: settings.maximumPolls)
        case .paymentSubmissionFailed(let problem) where problem.isUncertain:
            // The answer was lost, not necessarily the payment: look it up by its key.
            return enter(.resolvingSubmission(flight, problem, attemptsLeft: settings.maximumPolls))
        case .paymentSubmissionFailed(let problem):
            let abandoned = SessionAction.journalPaymentState(idempotencyKey: flight.idempotencyKey, .abandoned)
            if problem.code == .payCodeInvalid {
                return [abandoned] + enter(.awaitingPayCode(flight.draft, notice: .payCodeInvalid))
            }
            return [abandoned] + fail(problem)
        default:
            return []
        }
    }

    mutating func resolvingSubmission(_ flight: PaymentInFlight, _ problem: SessionProblem, attemptsLeft: Int, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentQueried(let snapshot):
            return settle(snapshot, flight, pollsLeft: settings.maximumPolls)
        case .paymentKeyVoided:
            return [.journalPaymentState(idempotencyKey: flight.idempotencyKey, .abandoned)] + fail(problem)
        case .paymentQueryFailed:
            // Still unknown after the limit: the journal keeps the intent for start-up reconciliation.
            guard attemptsLeft > 1 else { return fail(.paymentUnresolved) }
            return enter(.resolvingSubmission(flight, problem, attemptsLeft: attemptsLeft - 1))
        default:
            return []
        }
    }

    /// Acts on what the backend says a payment is. `pollsLeft` is how many more queries an open payment may take.
    mutating func settle(_ snapshot: PaymentSnapshot, _ flight: PaymentInFlight, pollsLeft: Int) -> [SessionAction] {
        var flight = flight
        var actions: [SessionAction] = []
        if flight.paymentID == nil {
            flight.paymentID = snapshot.paymentID
            actions.append(.journalSubmission(idempotencyKey: flight.idempotencyKey, paymentID: snapshot.paymentID))
        }
        // An answer about another payment: the backend is broken, and this payment's outcome unknown.
        guard snapshot.paymentID == flight.paymentID else { return actions + fail(.sessionPaymentMismatch) }
        let key = flight.idempotencyKey
        // Every answer is compared with what the resident confirmed (amount, person, year, tier). An open
        // payment that differs is reversed so that nothing moves; a succeeded one has moved money
        // already: it is recorded as it is, flagged for technicians, and the resident is told plainly.
        let differences = snapshot.differences(from: flight.order)
        if !differences.isEmpty, snapshot.status.isOpen {
            return actions + reverse(flight, .rejected(SessionProblem(.sessionAmountChanged)))
        }
        if !differences.isEmpty, snapshot.status == .succeeded {
            return actions + [
                .journalPaymentState(idempotencyKey: key, .succeeded),
                .journalAnomaly(idempotencyKey: key, paymentID: snapshot.paymentID, differences: differences),
            ] + fail(.sessionChargedOtherThanConfirmed)
        }
        switch snapshot.status {
        case .succeeded:
            return actions + succeed(flight)
        case .failed, .expired, .reversed:
            guard let final = Self.journalState(of: snapshot.status) else { return actions }
            let problem = Self.failureProblem(snapshot)
            return actions + [.journalPaymentState(idempotencyKey: key, final)] + enter(.paymentFailed(flight.draft.context, problem))
        case .pending where flight.draft.method == .onScreenQR:
            // A link off the configured payment networks could be any page (a look-alike pay page):
            // it is never shown on the kiosk's word, and the payment is reversed.
            guard let url = snapshot.qrURL, settings.qrURLOrigins.allow(url) else { return actions + reverse(flight, .qrRefused) }
            return actions + enter(.showingQR(flight, snapshot), keeping: [.qr])
        case .pending, .userPaying, .unknown:
            guard pollsLeft > 0 else { return actions + reverse(flight, .notConfirmed) }
            return actions + enter(.awaitingPayer(flight, snapshot, pollsLeft: pollsLeft))
        case .unrecognized:
            return actions + reverse(flight, .rejected(SessionProblem(.sessionPaymentStatusUnknown)))
        }
    }

    mutating func succeed(_ flight: PaymentInFlight) -> [SessionAction] {
        let key = flight.idempotencyKey
        let journaled = SessionAction.journalPaymentState(idempotencyKey: key, .succeeded)
        guard let paymentID = flight.paymentID, flight.draft.printsReceipt else {
            // The journal keeps the receipt owed: it prints later or is reprinted.
            return [journaled] + endSession(.completed, to: .finished(.paid(.owed)))
        }
        return [journaled] + fetchReceipt(ReceiptJob(paymentID: paymentID, purpose: .payment(idempotencyKey: key)))
    }

    static func journalState(of status: PaymentSnapshot.Status) -> JournalPaymentState? {
        switch status {
        case .succeeded: .succeeded
        case .failed: .failed
        case .expired: .expired
        case .reversed: .reversed
        default: nil
        }
    }

    static func failureProblem(_ snapshot: PaymentSnapshot) -> SessionProblem {
        switch snapshot.status {
        case .expired where snapshot.method == .onScreenQR: SessionProblem(.paymentQRExpired, backendMessage: snapshot.failureMessage)
        case .reversed: SessionProblem(.paymentReversed, backendMessage: snapshot.failureMessage)
        default: SessionProblem(.paymentDeclined, backendMessage: snapshot.failureMessage)
        }
    }

    mutating func paymentFailed(_ context: EnrollmentContext, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .retryChosen: return enter(.choosingMethod(context))
        case .doneTapped: return endSession(.cancelled, to: .attract(notice: nil))
        default: return []
        }
    }
}
