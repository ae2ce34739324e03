extension SessionStateMachine {
    /// The timers a state waits with. Money in flight has no timeout: it is driven by polling with its own limits.
    func timersOnEntry(_ state: SessionState) -> [(TimerKind, Int)] {
        switch state {
        case .typingIdentity, .showingEnrollment, .confirmingRegistration, .alreadyPaid, .unavailable, .choosingBeneficiary,
             .showingHistory, .choosingMethod, .printerUnavailable, .paymentFailed, .finished, .failed:
            [(.idle, settings.idleTimeoutSeconds)]
        case .awaitingPayCode: [(.payCode, settings.payCodeTimeoutSeconds)]
        case .stillThere: [(.countdown, settings.countdownSeconds)]
        case .showingQR: [(.qr, settings.qrTimeoutSeconds), (.poll, settings.pollIntervalSeconds)]
        case .awaitingPayer, .resolvingSubmission: [(.poll, settings.pollIntervalSeconds)]
        case .takingReceipt: [(.takeReceipt, settings.takeReceiptSeconds)]
        default: []
        }
    }

    mutating func timerFired(_ kind: TimerKind, generation: Int) -> [SessionAction] {
        guard timers.running[kind] == generation else { return [] }
        timers.running[kind] = nil
        switch (state, kind) {
        case (.finished, .idle), (.failed, .idle), (.takingReceipt, .takeReceipt):
            return returnToIdle()
        case (_, .idle), (.awaitingPayCode, .payCode):
            return enter(.stillThere(resume: state))
        case (.stillThere, .countdown):
            return endSession(.timedOut, to: .attract(notice: .sessionTimedOut))
        case (.awaitingPayer(let flight, _, _), .poll), (.showingQR(let flight, _), .poll):
            return flight.paymentID.map { [.queryPayment(paymentID: $0)] } ?? []
        case (.resolvingSubmission(let flight, _, _), .poll):
            return [.queryPaymentByKey(idempotencyKey: flight.idempotencyKey)]
        case (.reversing(let flight, _, _), .poll):
            return flight.paymentID.map { [.reversePayment(paymentID: $0, idempotencyKey: flight.reversalKey)] } ?? []
        case (.showingQR(let flight, _), .qr):
            return reverse(flight, .qrExpired)
        default:
            return []
        }
    }

    /// Only the idle timer: pay-code, QR and receipt deadlines do not move for a touch.
    mutating func restartIdleTimer() -> [SessionAction] {
        guard timers.running[.idle] != nil else { return [] }
        return [startTimer(.idle, seconds: settings.idleTimeoutSeconds)]
    }

    /// "Still there?": continuing resumes the screen (and restarts its timer); cancel is handled with every cancel.
    mutating func stillThere(_ resume: SessionState, _ event: SessionEvent) -> [SessionAction] {
        guard case .continueTapped = event else { return [] }
        return enter(resume)
    }
}
