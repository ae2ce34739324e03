

extension SessionStateMachine {
    /// Only once the intent is committed to the journal is the backend asked; a journal failure ends
    /// the session with no backend call.
    mutating func journalingIntent(_ draft: PaymentDraft, payCode: PayCode?, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentIntentJournaled(let key):
            let flight = PaymentInFlight(idempotencyKey: key, draft: draft)
            if draft.method == .card {
                return enter(.atTerminal(flight, cancelling: false)) + [.payAtTerminal(idempotencyKey: key, amount: draft.order.amount)]
            }
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
        case .paymentSubmissionFailed(let problem) where flight.card != nil:
            // The card was charged and the backend will not record it: the money goes back.
            return reverseAtTerminal(flight, .rejected(SessionProblem(.paymentReversed, backendMessage: problem.backendMessage)))
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
        // A charged card's record asked for again (the create is idempotent under its key).
        case .paymentSubmitted(let snapshot) where flight.card != nil:
            return settle(snapshot, flight, pollsLeft: settings.maximumPolls)
        case .paymentSubmissionFailed(let problem) where !problem.isUncertain && flight.card != nil:
            return reverseAtTerminal(flight, .rejected(SessionProblem(.paymentReversed, backendMessage: problem.backendMessage)))
        case .paymentKeyVoided where flight.card == nil:
            return [.journalPaymentState(idempotencyKey: flight.idempotencyKey, .abandoned)] + fail(problem)
        case .paymentQueryFailed:
            // Still unknown after the limit: the journal keeps the intent for start-up reconciliation.
            return retryResolving(flight, problem, attemptsLeft: attemptsLeft)
        case .paymentSubmissionFailed where flight.card != nil:
            return retryResolving(flight, problem, attemptsLeft: attemptsLeft)
        default:
            return []
        }
    }

    mutating func retryResolving(_ flight: PaymentInFlight, _ problem: SessionProblem, attemptsLeft: Int) -> [SessionAction] {
        guard attemptsLeft > 1 else { return fail(.paymentUnresolved) }
        return enter(.resolvingSubmission(flight, problem, attemptsLeft: attemptsLeft - 1))
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
        // A charged card kept as the backend holds it below; anything else given back at the terminal.
        if flight.card != nil, differences.isEmpty || snapshot.status != .succeeded { return actions + settleCard(snapshot, flight) }
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

extension SessionStateMachine {
    mutating func choosingMethod(_ context: EnrollmentContext, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .methodChosen(let method) where offeredMethods.contains(method):
            return enter(.checkingPrinter(PaymentDraft(context: context, method: method))) + [.checkPrinter]
        case .backTapped:
            return enter(Self.screen(for: context))
        default:
            return []
        }
    }

    /// The printer is asked before money moves.
    /// The journal is checked first (the controller answers `journalCannotCommit` instead of the
    /// printer's readiness when its disk is full): no money moves that could not be recorded.
    mutating func checkingPrinter(_ draft: PaymentDraft, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .printerChecked(let readiness):
            return readiness.canPrint ? startPayment(draft) : enter(.printerUnavailable(draft, readiness))
        case .journalCannotCommit:
            // Out of service once the resident has read why; the journal watch reopens the kiosk when space is freed.
            holdOutage(.journalFull)
            return fail(.journalFull)
        default:
            return []
        }
    }

    mutating func printerUnavailable(_ draft: PaymentDraft, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .continueWithoutReceiptChosen where !settings.printingRequired:
            var paperless = draft
            paperless.printsReceipt = false
            return startPayment(paperless)
        case .backTapped:
            return enter(.choosingMethod(draft.context))
        default:
            return []
        }
    }

    mutating func startPayment(_ draft: PaymentDraft) -> [SessionAction] {
        switch draft.method {
        case .payCode: enter(.awaitingPayCode(draft, notice: nil))
        case .onScreenQR, .card: enter(.journalingIntent(draft, payCode: nil)) + [.journalPaymentIntent(draft.order)]
        }
    }

    mutating func awaitingPayCode(_ draft: PaymentDraft, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .payCodeScanned(let payCode, let now):
            guard payCodesUsed.admit(payCode, at: now) else {
                return enter(.awaitingPayCode(draft, notice: .payCodeAlreadyUsed), keeping: [.payCode])
            }
            return enter(.journalingIntent(draft, payCode: payCode)) + [.journalPaymentIntent(draft.order)]
        case .unrecognizedCodeScanned, .esscCodeScanned:
            return enter(.awaitingPayCode(draft, notice: .payCodeInvalid), keeping: [.payCode])
        case .backTapped:
            return enter(.choosingMethod(draft.context))
        default:
            return []
        }
    }
}

extension SessionStateMachine {
    /// User-paying or unknown: queried every poll interval (the timer asks), reversed after the limit.
    mutating func awaitingPayer(_ flight: PaymentInFlight, pollsLeft: Int, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentQueried(let snapshot):
            return settle(snapshot, flight, pollsLeft: pollsLeft - 1)
        case .paymentQueryFailed:
            guard pollsLeft > 1, case .awaitingPayer(_, let snapshot, _) = state else { return reverse(flight, .notConfirmed) }
            return enter(.awaitingPayer(flight, snapshot, pollsLeft: pollsLeft - 1))
        default:
            return []
        }
    }

    /// The on-screen QR: queried every poll interval until it is paid or the QR timer runs out.
    mutating func showingQR(_ flight: PaymentInFlight, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentQueried(let snapshot):
            return settle(snapshot, flight, pollsLeft: settings.maximumPolls)
        case .paymentQueryFailed:
            guard case .showingQR(_, let snapshot) = state else { return [] }
            return enter(.showingQR(flight, snapshot), keeping: [.qr])
        default:
            return []
        }
    }
}

extension SessionStateMachine {
    mutating func reverse(_ flight: PaymentInFlight, _ reason: ReversalReason) -> [SessionAction] {
        guard let paymentID = flight.paymentID else { return fail(.paymentUnresolved) }
        return enter(.reversing(flight, reason, attemptsLeft: settings.maximumReversalAttempts))
            + [.reversePayment(paymentID: paymentID, idempotencyKey: flight.reversalKey)]
    }

    /// A reversal settles the payment one way or the other: reversed (or failed, expired) ends it as the
    /// reason says; a payment that succeeded meanwhile (the backend refuses with `payment.not_reversible`,
    /// then a query shows it) is completed.
    mutating func reversing(_ flight: PaymentInFlight, _ reason: ReversalReason, attemptsLeft: Int, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentReversed(let snapshot), .paymentQueried(let snapshot):
            guard snapshot.paymentID == flight.paymentID else { return fail(.sessionPaymentMismatch) }
            if snapshot.status == .succeeded { return succeed(flight) }
            if let final = Self.journalState(of: snapshot.status) {
                return [.journalPaymentState(idempotencyKey: flight.idempotencyKey, final)] + reversed(flight, reason)
            }
            // Still open after the reversal, or after a `payment.not_reversible` (the query that
            // followed it): try again, within the attempts; then reconciliation takes over.
            return retryReversal(flight, reason, attemptsLeft: attemptsLeft)
        case .paymentReversalFailed(let problem) where problem.code == .paymentNotReversible:
            return flight.paymentID.map { [.queryPayment(paymentID: $0)] } ?? []
        case .paymentReversalFailed, .paymentQueryFailed:
            return retryReversal(flight, reason, attemptsLeft: attemptsLeft)
        default:
            return []
        }
    }

    mutating func retryReversal(_ flight: PaymentInFlight, _ reason: ReversalReason, attemptsLeft: Int) -> [SessionAction] {
        // Out of attempts: the journal keeps the payment submitted; start-up reconciliation settles it.
        guard attemptsLeft > 1 else { return fail(.paymentUnresolved) }
        return enter(.reversing(flight, reason, attemptsLeft: attemptsLeft - 1)) + [startTimer(.poll, seconds: settings.pollIntervalSeconds)]
    }

    mutating func reversed(_ flight: PaymentInFlight, _ reason: ReversalReason) -> [SessionAction] {
        switch reason {
        case .cancelledByResident: endSession(.cancelled, to: .attract(notice: .paymentCancelled))
        case .notConfirmed: enter(.paymentFailed(flight.draft.context, SessionProblem(.paymentNotConfirmed)))
        case .qrExpired: enter(.paymentFailed(flight.draft.context, SessionProblem(.paymentQRExpired)))
        case .qrRefused: enter(.paymentFailed(flight.draft.context, SessionProblem(.paymentQRRefused)))
        case .rejected(let problem): fail(problem)
        }
    }
}
