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
