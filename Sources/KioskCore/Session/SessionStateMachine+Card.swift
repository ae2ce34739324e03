/// Paying by card at the payment terminal. The intent is journaled before the terminal is asked; the
/// terminal's approval is journaled before the backend is told of it; a lost answer is settled by
/// asking the terminal about that payment (never by asking it to pay again); a payment the backend
/// will not record is given back at the terminal.
extension SessionStateMachine {
    mutating func atTerminal(_ flight: PaymentInFlight, cancelling: Bool, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .terminalAnswered(let outcome):
            return terminalFinished(flight, outcome, cancelling: cancelling)
        case .terminalFailed(let problem) where problem.isUncertain:
            return enter(.resolvingTerminal(flight, attemptsLeft: settings.maximumPolls, cancelling: cancelling)) + [queryTerminal(flight)]
        case .terminalFailed(let problem):
            // Nothing reached the terminal, or it refused the request itself: nothing was charged.
            return [.journalPaymentState(idempotencyKey: flight.idempotencyKey, .abandoned)]
                + enter(.paymentFailed(flight.draft.context, problem))
        default:
            return []
        }
    }

    /// Cancel at the screen while the terminal has the payment: the terminal is asked to stop, and
    /// the payment's own answer (declined as cancelled, or approved if it was too late) settles it.
    mutating func cancelAtTerminal(_ flight: PaymentInFlight) -> [SessionAction] {
        enter(.atTerminal(flight, cancelling: true))
            + [.abortAtTerminal(idempotencyKey: flight.idempotencyKey, amount: flight.order.amount)]
    }

    /// Cancel while the terminal's lost answer is being asked about: nothing to stop any more, but a
    /// charge found is given back instead of kept. The timers keep running as they were.
    mutating func cancelWhileResolving(_ flight: PaymentInFlight, attemptsLeft: Int) -> [SessionAction] {
        enter(.resolvingTerminal(flight, attemptsLeft: attemptsLeft, cancelling: true), keeping: [.poll])
    }

    mutating func resolvingTerminal(_ flight: PaymentInFlight, attemptsLeft: Int, cancelling: Bool, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .terminalStatusFound(.finished(let outcome)):
            return terminalFinished(flight, outcome, cancelling: cancelling)
        case .terminalStatusFound(.notFound):
            // The terminal never had it: nothing was charged.
            let abandoned = SessionAction.journalPaymentState(idempotencyKey: flight.idempotencyKey, .abandoned)
            if cancelling { return [abandoned] + endSession(.cancelled, to: .attract(notice: .paymentCancelled)) }
            return [abandoned] + enter(.paymentFailed(flight.draft.context, SessionProblem(.terminalUnreachable)))
        case .terminalStatusFound(.inProgress), .terminalStatusFailed:
            // Asked again at the next poll; out of attempts, the journal keeps the intent for reconciliation.
            guard attemptsLeft > 1 else { return fail(.paymentUnresolved) }
            return enter(.resolvingTerminal(flight, attemptsLeft: attemptsLeft - 1, cancelling: cancelling))
        default:
            return []
        }
    }

    mutating func terminalFinished(_ flight: PaymentInFlight, _ outcome: TerminalOutcome, cancelling: Bool) -> [SessionAction] {
        let key = flight.idempotencyKey
        switch outcome {
        case .declined(let refusal):
            let abandoned = SessionAction.journalPaymentState(idempotencyKey: key, .abandoned)
            if cancelling || refusal == .cancelled {
                return [abandoned] + endSession(.cancelled, to: .attract(notice: .paymentCancelled))
            }
            return [abandoned] + enter(.paymentFailed(flight.draft.context, SessionProblem(refusal.code)))
        case .approved(let approval):
            var charged = flight
            charged.card = approval
            let journaled = SessionAction.journalCardApproval(idempotencyKey: key, approval)
            // Charged although the resident cancelled (the abort came too late): given back, as cancel promises.
            if cancelling { return [journaled] + reverseAtTerminal(charged, .cancelledByResident) }
            // A terminal that charged another amount than the one asked for is not trusted with it.
            if approval.amount != flight.order.amount {
                return [journaled] + reverseAtTerminal(charged, .rejected(SessionProblem(.sessionAmountChanged)))
            }
            return [journaled] + enter(.submitting(charged)) + [recordCard(charged, approval)]
        }
    }

    func recordCard(_ flight: PaymentInFlight, _ approval: CardApproval) -> SessionAction {
        .submitPayment(idempotencyKey: flight.idempotencyKey, flight.order, payCode: nil, card: approval)
    }

    func queryTerminal(_ flight: PaymentInFlight) -> SessionAction {
        .queryTerminal(idempotencyKey: flight.idempotencyKey, amount: flight.order.amount)
    }

    /// The backend refused to record an approved card payment, or the session must not keep it.
    mutating func reverseAtTerminal(_ flight: PaymentInFlight, _ reason: ReversalReason) -> [SessionAction] {
        guard let approval = flight.card else { return fail(.paymentUnresolved) }
        return enter(.reversingAtTerminal(flight, reason, attemptsLeft: settings.maximumReversalAttempts))
            + [.reverseAtTerminal(approval, reason.terminalReason)]
    }

    mutating func reversingAtTerminal(_ flight: PaymentInFlight, _ reason: ReversalReason, attemptsLeft: Int, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .terminalReversed:
            return [.journalPaymentState(idempotencyKey: flight.idempotencyKey, .reversed)] + reversed(flight, reason)
        case .terminalReversalFailed:
            // Out of attempts: the journal keeps the approval; reconciliation gives the money back.
            guard attemptsLeft > 1 else { return fail(.paymentUnresolved) }
            return enter(.reversingAtTerminal(flight, reason, attemptsLeft: attemptsLeft - 1))
                + [startTimer(.poll, seconds: settings.pollIntervalSeconds)]
        default:
            return []
        }
    }

    /// The backend's answer to recording a card payment (its id journaled, its payment the one
    /// asked about, and what it differs in from the order already checked by `settle`): anything but
    /// "succeeded" means it is not recorded as paid, so the money is given back at the terminal.
    mutating func settleCard(_ snapshot: PaymentSnapshot, _ flight: PaymentInFlight) -> [SessionAction] {
        guard snapshot.status == .succeeded else {
            return reverseAtTerminal(flight, .rejected(SessionProblem(.paymentReversed, backendMessage: snapshot.failureMessage)))
        }
        return succeed(flight)
    }
}

extension ReversalReason {
    var terminalReason: TerminalReversalReason {
        switch self {
        case .cancelledByResident: .customerCancel
        case .rejected, .notConfirmed, .qrExpired, .qrRefused: .unableToComplete
        }
    }
}
