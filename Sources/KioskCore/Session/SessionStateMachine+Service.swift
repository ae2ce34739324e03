

extension SessionStateMachine {
    /// Out of service and maintenance never interrupt a resident: asked for mid-session, they take
    /// effect when the session ends.
    mutating func serviceEvent(_ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .serviceDegraded(let code):
            // Already known (e.g. the machine itself left a payment unresolved): nothing changes, and
            // the resident keeps the screen that explains it.
            guard holdOutage(code) else { return [] }
            switch state {
            case .attract, .finished, .failed, .outOfService: return enter(.outOfService(code))
            default: return []
            }
        case .serviceRestored(let code):
            outages.removeAll { $0 == code }
            guard case .outOfService(let shown) = state else { return [] }
            let next = idleState(notice: nil)
            return next == .outOfService(shown) ? [] : enter(next)
        case .maintenanceRequested:
            switch state {
            case .maintenance: return []
            case .attract, .finished, .failed, .outOfService:
                maintenancePending = false
                return enter(.maintenance)
            default:
                maintenancePending = true
                return []
            }
        case .maintenanceEnded:
            maintenancePending = false
            guard case .maintenance = state else { return [] }
            return enter(idleState(notice: nil))
        default:
            return []
        }
    }

    /// The journal is not where the money is: out of service (once the resident has read the screen
    /// they are on) until reconciliation settles it, and reconcile now.
    mutating func paymentLeftUnresolved() -> [SessionAction] {
        holdOutage(.journalUnsettled)
        return [.reconcilePayments]
    }

    /// Adds a reason for being out of service; false when it already holds.
    @discardableResult
    mutating func holdOutage(_ code: KioskError.Code) -> Bool {
        guard !outages.contains(code) else { return false }
        outages.append(code)
        return true
    }

    /// Graceful shutdown: wipe everything. A payment in flight stays unresolved in the journal, for
    /// start-up reconciliation.
    mutating func shutDown() -> [SessionAction] {
        let active = state.isSessionActive
        let actions = enter(.stopped)
        return active ? actions + [.recordSessionEnd(.shutdown)] : actions
    }
}

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
        case .awaitingPayer, .resolvingSubmission: [(.poll, settings.pollIntervalSeconds), (.dwell, settings.maximumWaitSeconds)]
        // The terminal's own request timeout bounds each ask; the attempts bound the state.
        case .resolvingTerminal: [(.poll, settings.pollIntervalSeconds)]
        case .takingReceipt: [(.takeReceipt, settings.takeReceiptSeconds)]
        case .lookingUpPerson, .lookingUpEnrollment, .loadingHistory, .journalingIntent, .submitting, .reversing, .fetchingReceipt:
            [(.dwell, settings.maximumWaitSeconds)]
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
            // A charged card is recorded again under its key (the create is idempotent); a fence
            // would void the key and leave the charge unrecorded.
            if let approval = flight.card { return [recordCard(flight, approval)] }
            return [.fencePaymentKey(idempotencyKey: flight.idempotencyKey)]
        case (.resolvingTerminal(let flight, _, _), .poll):
            return [queryTerminal(flight)]
        case (.reversingAtTerminal(let flight, let reason, _), .poll):
            return flight.card.map { [.reverseAtTerminal($0, reason.terminalReason)] } ?? []
        case (.reversing(let flight, _, _), .poll):
            return flight.paymentID.map { [.reversePayment(paymentID: $0, idempotencyKey: flight.reversalKey)] } ?? []
        case (.showingQR(let flight, _), .qr):
            return reverse(flight, .qrExpired)
        case (_, .dwell):
            return waitedTooLong()
        default:
            return []
        }
    }

    /// No answer within `maximumWaitSeconds` (or only answers that could not be used): the state
    /// ends. Money that may have moved is left to reconciliation (out of service until settled); a
    /// receipt stays owed; a lookup fails with "no answer".
    mutating func waitedTooLong() -> [SessionAction] {
        if state.paymentInFlight != nil { return fail(.paymentUnresolved) }
        switch state {
        case .journalingIntent:
            // The intent may still be committed after the session ends: reconcile it, not forget it.
            return fail(.journalUnavailable) + paymentLeftUnresolved()
        case .fetchingReceipt(let job):
            return notPrinted(job.purpose)
        case .loadingHistory(let person, let returnTo):
            return loadingHistory(person, returnTo: returnTo, .historyLoadFailed(SessionProblem(.sessionNoAnswer)))
        case .lookingUpPerson, .lookingUpEnrollment:
            return fail(.sessionNoAnswer)
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
