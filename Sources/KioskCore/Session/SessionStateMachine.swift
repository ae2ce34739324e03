/// The resident session, sans I/O: feed it events, perform the actions it returns.
///
/// It never touches clocks, devices, loggers or the network; the controller does. Unknown or
/// out-of-order events are ignored (`[]`), never a crash.
public struct SessionStateMachine: Sendable {
    public private(set) var state: SessionState
    public internal(set) var settings: SessionSettings
    /// Typed name and ID number pairs the backend refused in this session (`maximumTypedLookups`).
    public internal(set) var typedLookupsRefused = 0
    /// Maintenance asked for while a session was active: entered when it ends.
    public internal(set) var maintenancePending = false
    /// Why the kiosk is out of service, oldest first (backend down, journal unsettled, a critical
    /// device): each reason ends on its own, and the kiosk returns to service only when none holds.
    public internal(set) var outages: [KioskError.Code] = []
    /// The reason the out-of-service screen shows: the newest.
    public var outage: KioskError.Code? { outages.last }
    var timers = TimerBook()
    /// Pay codes used at this kiosk within their validity, across sessions (salted hashes only).
    var payCodesUsed = PayCodeReplayGuard()
    /// Configured methods whose device is away now (the card terminal unreachable): not offered.
    public internal(set) var unavailableMethods: Set<PaymentMethod> = []

    /// The methods the resident may choose now, in the configured order.
    public var offeredMethods: [PaymentMethod] { settings.paymentMethods.filter { !unavailableMethods.contains($0) } }

    public init(settings: SessionSettings) {
        self.settings = settings
        state = .attract(notice: nil)
    }

    /// The generation of each timer now running (a `timerFired` with another generation is ignored).
    public var runningTimers: [TimerKind: Int] { timers.running }

    public mutating func handle(_ event: SessionEvent) -> [SessionAction] {
        if case .stopped = state { return [] }
        let flight = state.paymentInFlight
        let actions = dispatch(event)
        // Leaving a payment without its final state (lookups or reversals exhausted, shutdown): the
        // kiosk takes no other payment until reconciliation has settled it.
        if let flight, !state.hasMoneyInFlight, !actions.contains(where: { $0.isFinalJournalState(of: flight.idempotencyKey) }) {
            return actions + paymentLeftUnresolved()
        }
        return actions
    }

    private mutating func dispatch(_ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .shutdownRequested: return shutDown()
        case .timerFired(let kind, let generation): return timerFired(kind, generation: generation)
        case .serviceDegraded, .serviceRestored, .maintenanceRequested, .maintenanceEnded: return serviceEvent(event)
        case .journalWriteFailed: return paymentLeftUnresolved()
        case .cancelTapped: return cancelTapped()
        case .residentActive: return restartIdleTimer()
        case .paymentMethodAvailability(let method, let available):
            let changed = available ? unavailableMethods.remove(method) != nil : unavailableMethods.insert(method).inserted
            // The method screen shows what is offered now.
            if changed, case .choosingMethod(let context) = state { return enter(.choosingMethod(context)) }
            return []
        default: break
        }
        switch state {
        case .attract, .finished, .failed: return idleEvent(event)
        case .readingCard(let kind): return readingCard(kind, event)
        case .typingIdentity: return typingIdentity(event)
        case .lookingUpPerson(let claim, let payer): return lookingUpPerson(claim, payer: payer, event)
        case .lookingUpEnrollment(let person, let payer): return lookingUpEnrollment(person, payer: payer, event)
        case .showingEnrollment(let context): return showingEnrollment(context, event)
        case .confirmingRegistration(let context): return confirmingRegistration(context, event)
        case .alreadyPaid(let context): return alreadyPaid(context, event)
        case .unavailable(let person, let payer, _): return unavailable(person, payer: payer, event)
        case .choosingBeneficiary(let payer, _): return choosingBeneficiary(payer, event)
        case .loadingHistory(let person, let returnTo): return loadingHistory(person, returnTo: returnTo, event)
        case .showingHistory(_, let entries, let returnTo): return showingHistory(entries, returnTo: returnTo, event)
        case .choosingMethod(let context): return choosingMethod(context, event)
        case .checkingPrinter(let draft): return checkingPrinter(draft, event)
        case .printerUnavailable(let draft, _): return printerUnavailable(draft, event)
        case .awaitingPayCode(let draft, _): return awaitingPayCode(draft, event)
        case .journalingIntent(let draft, let payCode): return journalingIntent(draft, payCode: payCode, event)
        case .submitting(let flight): return submitting(flight, event)
        case .resolvingSubmission(let flight, let problem, let attemptsLeft): return resolvingSubmission(flight, problem, attemptsLeft: attemptsLeft, event)
        case .awaitingPayer(let flight, _, let pollsLeft): return awaitingPayer(flight, pollsLeft: pollsLeft, event)
        case .showingQR(let flight, _): return showingQR(flight, event)
        case .reversing(let flight, let reason, let attemptsLeft): return reversing(flight, reason, attemptsLeft: attemptsLeft, event)
        case .atTerminal(let flight, let cancelling): return atTerminal(flight, cancelling: cancelling, event)
        case .resolvingTerminal(let flight, let attemptsLeft, let cancelling):
            return resolvingTerminal(flight, attemptsLeft: attemptsLeft, cancelling: cancelling, event)
        case .reversingAtTerminal(let flight, let reason, let attemptsLeft):
            return reversingAtTerminal(flight, reason, attemptsLeft: attemptsLeft, event)
        case .paymentFailed(let context, _): return paymentFailed(context, event)
        case .fetchingReceipt(let job): return fetchingReceipt(job, event)
        case .printing(let job): return printing(job, event)
        case .takingReceipt(let completion): return takingReceipt(completion, event)
        case .stillThere(let resume): return stillThere(resume, event)
        case .outOfService, .maintenance, .stopped: return []
        }
    }

    /// Moves to `next`: cancels the running timers (except `kept`) and starts the ones `next` waits with.
    mutating func enter(_ next: SessionState, keeping kept: Set<TimerKind> = []) -> [SessionAction] {
        var actions: [SessionAction] = []
        for kind in TimerKind.allCases where timers.running[kind] != nil && !kept.contains(kind) {
            timers.running[kind] = nil
            actions.append(.cancelTimer(kind))
        }
        state = next
        for (kind, seconds) in timersOnEntry(next) where timers.running[kind] == nil {
            actions.append(.startTimer(kind, seconds: seconds, generation: timers.start(kind)))
        }
        return actions
    }

    /// Starts one timer outside of a state change (a retry delay).
    mutating func startTimer(_ kind: TimerKind, seconds: Int) -> SessionAction {
        .startTimer(kind, seconds: seconds, generation: timers.start(kind))
    }

    /// Ends the session: every way out lands on a state without personal data.
    mutating func endSession(_ reason: SessionEndReason, to next: SessionState) -> [SessionAction] {
        typedLookupsRefused = 0
        var landing = next
        if case .attract = next { landing = idleState(notice: next.attractNotice) }
        return enter(landing) + [.recordSessionEnd(reason)]
    }

    /// The idle state, unless maintenance or an outage is waiting for the session to end.
    func idleState(notice: KioskError.Code?) -> SessionState {
        if maintenancePending { return .maintenance }
        if let outage { return .outOfService(outage) }
        return .attract(notice: notice)
    }

    /// Goes back to idle from a screen that holds no session (finished, failed).
    mutating func returnToIdle() -> [SessionAction] {
        enter(idleState(notice: nil))
    }
}

extension SessionAction {
    func isFinalJournalState(of key: String) -> Bool {
        guard case .journalPaymentState(let journaled, let state) = self, journaled == key else { return false }
        return state.isResolved
    }
}

extension SessionState {
    var attractNotice: KioskError.Code? {
        if case .attract(let notice) = self { return notice }
        return nil
    }
}
