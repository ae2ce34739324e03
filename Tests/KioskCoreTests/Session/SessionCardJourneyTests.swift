import KioskCore
import Testing

@Suite("session journeys: paying by card at the payment terminal")
struct SessionCardJourneyTests {
    static func machine(at kind: SessionState.Kind) -> SessionStateMachine { StateCatalog.machine(in: kind) }

    /// What the resident confirmed (the adult tier's 430 yuan), paid by card.
    static let order = PaymentOrder(personRef: Sample.payer.personRef, payerRef: nil, year: 2021, tierID: "adult", amount: .yuan(430), method: .card)
    /// The backend asked to record the terminal's approval, under the intent's key.
    static let record = SessionAction.submitPayment(idempotencyKey: Sample.key, order, payCode: nil, card: Sample.approval)
    static let pay = SessionAction.payAtTerminal(idempotencyKey: Sample.key, amount: .yuan(430))
    static let query = SessionAction.queryTerminal(idempotencyKey: Sample.key, amount: .yuan(430))
    static let approvalJournaled = SessionAction.journalCardApproval(idempotencyKey: Sample.key, Sample.approval)
    static let abandoned = SessionAction.journalPaymentState(idempotencyKey: Sample.key, .abandoned)
    static let reversedJournaled = SessionAction.journalPaymentState(idempotencyKey: Sample.key, .reversed)
    static let paid: [SessionAction] = [
        .journalSubmission(idempotencyKey: Sample.key, paymentID: Sample.paymentID),
        .journalPaymentState(idempotencyKey: Sample.key, .succeeded),
        .fetchReceipt(paymentID: Sample.paymentID),
    ]
    static let noAnswer = SessionProblem(.terminalNoAnswer, isUncertain: true)

    /// The backend's record of the card payment.
    static func recorded(_ status: PaymentSnapshot.Status) -> PaymentSnapshot { Sample.snapshot(status, method: .card) }

    /// The terminal approved the card; the backend is being asked to record it.
    static func submittingCard() -> SessionStateMachine {
        var machine = machine(at: .atTerminal)
        machine.feed(.terminalAnswered(.approved(Sample.approval)))
        return machine
    }

    static func withoutTimers(_ actions: [SessionAction]) -> [SessionAction] { actions.filter { !$0.isTimer } }
    static func count(_ name: String, in actions: [SessionAction]) -> Int { labels(actions).filter { $0 == name }.count }
    static func journalsState(_ actions: [SessionAction]) -> Bool {
        actions.contains { if case .journalPaymentState = $0 { true } else { false } }
    }

    @Test("card approved: printer checked, intent journaled before the terminal is asked, approval journaled before the backend records it, receipt printed")
    func cardApproved() {
        var machine = Self.machine(at: .choosingMethod)
        #expect(labels(machine.feed(.methodChosen(.card))) == ["-idle", "checkPrinter"])
        let journal = machine.feed(.printerChecked(.ready()))
        #expect(Self.withoutTimers(journal) == [.journalPaymentIntent(Self.order)], "the terminal is not asked before the intent is journaled")
        #expect(machine.state.kind == .journalingIntent)
        let pay = machine.feed(.paymentIntentJournaled(idempotencyKey: Sample.key))
        #expect(labels(pay) == ["-dwell", "payAtTerminal"])
        #expect(pay.last == Self.pay)
        #expect(machine.state.kind == .atTerminal)
        let approved = machine.feed(.terminalAnswered(.approved(Sample.approval)))
        #expect(Self.withoutTimers(approved) == [Self.approvalJournaled, Self.record], "the approval is journaled before the backend hears of it")
        #expect(machine.state.kind == .submitting)
        #expect(machine.state.paymentInFlight?.card == Sample.approval)
        #expect(machine.runningTimers[.dwell] != nil, "recording waits at most the maximum wait")
        let settled = machine.feed(.paymentSubmitted(Self.recorded(.succeeded)))
        #expect(Self.withoutTimers(settled) == Self.paid)
        #expect(machine.state == .fetchingReceipt(ReceiptJob(paymentID: Sample.paymentID, purpose: .payment(idempotencyKey: Sample.key))))
        machine.feed(.receiptFetched(Sample.receipt()))
        #expect(machine.feed(.documentPrinted).contains(.journalReceipt(idempotencyKey: Sample.key, .printed)))
        #expect(machine.state == .takingReceipt(.paid(.printed)))
        #expect(!machine.state.holdsPersonalData)
    }

    @Test("a card intent the journal cannot take never reaches the terminal")
    func journalFailsBeforeTerminal() {
        var machine = Self.machine(at: .choosingMethod)
        machine.feed(.methodChosen(.card), .printerChecked(.ready()))
        let actions = machine.feed(.paymentIntentJournalFailed(SessionProblem(.journalUnavailable)))
        #expect(Self.count("payAtTerminal", in: actions) == 0)
        #expect(machine.state == .failed(SessionProblem(.journalUnavailable)))
    }

    @Test(
        "a card the bank or terminal refuses charges nothing: the intent is abandoned, the refusal shown, and paying again starts a new intent",
        arguments: CardRefusal.allCases.filter { $0 != .cancelled }
    )
    func refused(_ refusal: CardRefusal) {
        var machine = Self.machine(at: .atTerminal)
        let actions = machine.feed(.terminalAnswered(.declined(refusal)))
        #expect(Self.withoutTimers(actions) == [Self.abandoned], "nothing submitted, nothing left to reconcile")
        guard case .paymentFailed(_, let problem) = machine.state else { Issue.record("not failed: \(machine.state.kind)"); return }
        #expect(problem.code == refusal.code)
        #expect(!machine.outages.contains(.journalUnsettled))
        machine.feed(.retryChosen)
        #expect(machine.state.kind == .choosingMethod)
        machine.feed(.methodChosen(.card))
        #expect(machine.feed(.printerChecked(.ready())).contains(.journalPaymentIntent(Self.order)))
        let again = machine.feed(.paymentIntentJournaled(idempotencyKey: "key-0000000002"))
        #expect(again.last == .payAtTerminal(idempotencyKey: "key-0000000002", amount: .yuan(430)))
        #expect(machine.state.kind == .atTerminal)
    }

    @Test("cancel on the screen while the terminal has the payment asks it to stop once; its cancelled answer ends the session, nothing submitted")
    func cancelAtTerminal() {
        var machine = Self.machine(at: .atTerminal)
        var all = machine.feed(.cancelTapped)
        #expect(all == [.abortAtTerminal(idempotencyKey: Sample.key, amount: .yuan(430))])
        guard case .atTerminal(_, cancelling: true) = machine.state else { Issue.record("not cancelling: \(machine.state)"); return }
        #expect(machine.state.hasMoneyInFlight, "the terminal's answer still decides")
        let cancelling = machine.state
        #expect(machine.handle(.cancelTapped).isEmpty, "a second cancel does nothing")
        #expect(machine.state == cancelling)
        let ended = machine.feed(.terminalAnswered(.declined(.cancelled)))
        all += ended
        #expect(Self.withoutTimers(ended) == [Self.abandoned, .recordSessionEnd(.cancelled)])
        #expect(machine.state == .attract(notice: .paymentCancelled))
        #expect(!machine.state.holdsPersonalData)
        #expect(Self.count("submitPayment", in: all) == 0)
    }

    @Test("after cancel, any refusal the terminal answers ends the session as cancelled, not with the refusal screen")
    func cancelThenOtherRefusal() {
        var machine = Self.machine(at: .atTerminal)
        machine.feed(.cancelTapped)
        let ended = machine.feed(.terminalAnswered(.declined(.timedOut)))
        #expect(Self.withoutTimers(ended) == [Self.abandoned, .recordSessionEnd(.cancelled)])
        #expect(machine.state == .attract(notice: .paymentCancelled))
    }

    @Test("cancelled at the PIN pad itself: nothing charged, the session ends as cancelled")
    func cancelledAtPINPad() {
        var machine = Self.machine(at: .atTerminal)
        let ended = machine.feed(.terminalAnswered(.declined(.cancelled)))
        #expect(Self.withoutTimers(ended) == [Self.abandoned, .recordSessionEnd(.cancelled)])
        #expect(machine.state == .attract(notice: .paymentCancelled))
    }

    @Test("cancel too late (approved after the abort): the approval is journaled and given back at the terminal as the customer's cancel, never recorded")
    func cancelTooLate() {
        var machine = Self.machine(at: .atTerminal)
        machine.feed(.cancelTapped)
        let approved = machine.feed(.terminalAnswered(.approved(Sample.approval)))
        #expect(Self.withoutTimers(approved) == [Self.approvalJournaled, .reverseAtTerminal(Sample.approval, .customerCancel)])
        #expect(machine.state.kind == .reversingAtTerminal)
        #expect(machine.state.hasMoneyInFlight)
        let reversed = machine.feed(.terminalReversed(.reversed))
        #expect(Self.withoutTimers(reversed) == [Self.reversedJournaled, .recordSessionEnd(.cancelled)])
        #expect(machine.state == .attract(notice: .paymentCancelled))
        #expect(Self.count("submitPayment", in: approved + reversed) == 0)
    }

    @Test("a terminal that charged another amount than asked is given back (unable to complete), never recorded; the session fails")
    func otherAmountCharged() {
        var other = Sample.approval
        other.amount = .yuan(400)
        var machine = Self.machine(at: .atTerminal)
        let approved = machine.feed(.terminalAnswered(.approved(other)))
        #expect(Self.withoutTimers(approved) == [
            .journalCardApproval(idempotencyKey: Sample.key, other), .reverseAtTerminal(other, .unableToComplete),
        ])
        #expect(machine.state.kind == .reversingAtTerminal)
        let reversed = machine.feed(.terminalReversed(.reversed))
        #expect(Self.withoutTimers(reversed) == [Self.reversedJournaled, .recordSessionEnd(.failed(.sessionAmountChanged))])
        #expect(machine.state == .failed(SessionProblem(.sessionAmountChanged)))
        #expect(Self.count("submitPayment", in: approved + reversed) == 0)
    }

    @Test("a lost terminal answer is asked about at once, never paid again; in progress waits for the poll; an approval found is recorded")
    func lostAnswerApproved() {
        var machine = Self.machine(at: .atTerminal)
        var all = machine.feed(.terminalFailed(Self.noAnswer))
        #expect(Self.withoutTimers(all) == [Self.query])
        #expect(machine.state.kind == .resolvingTerminal)
        #expect(machine.state.hasMoneyInFlight)
        #expect(machine.runningTimers[.poll] != nil)
        let waiting = machine.feed(.terminalStatusFound(.inProgress))
        all += waiting
        #expect(Self.withoutTimers(waiting).isEmpty, "asked again at the next poll, not at once")
        #expect(machine.state.kind == .resolvingTerminal)
        let asked = machine.fire(.poll)
        all += asked
        #expect(asked == [Self.query])
        let approved = machine.feed(.terminalStatusFound(.finished(.approved(Sample.approval))))
        all += approved
        #expect(Self.withoutTimers(approved) == [Self.approvalJournaled, Self.record])
        #expect(machine.state.kind == .submitting)
        #expect(machine.runningTimers[.poll] == nil)
        #expect(Self.withoutTimers(machine.feed(.paymentSubmitted(Self.recorded(.succeeded)))) == Self.paid)
        #expect(Self.count("payAtTerminal", in: all) == 0)
    }

    @Test("a lost answer the terminal never received charged nothing: abandoned, and the resident is told the terminal could not be reached")
    func lostAnswerNotFound() {
        var machine = Self.machine(at: .resolvingTerminal)
        let actions = machine.feed(.terminalStatusFound(.notFound))
        #expect(Self.withoutTimers(actions) == [Self.abandoned])
        guard case .paymentFailed(_, let problem) = machine.state else { Issue.record("not failed: \(machine.state.kind)"); return }
        #expect(problem.code == .terminalUnreachable)
        #expect(machine.runningTimers[.poll] == nil)
    }

    @Test(
        "a terminal that never tells is asked exactly maximumPolls times, then the session fails unresolved and reconciliation keeps the intent",
        arguments: [SessionEvent.terminalStatusFailed(SessionProblem(.terminalNoAnswer, isUncertain: true)), .terminalStatusFound(.inProgress)]
    )
    func lostAnswerUnresolved(_ answer: SessionEvent) {
        var machine = Self.machine(at: .atTerminal)
        var queries = Self.count("queryTerminal", in: machine.feed(.terminalFailed(Self.noAnswer)))
        var last: [SessionAction] = []
        for attempt in 1...Sample.settings.maximumPolls {
            last = machine.feed(answer)
            guard attempt < Sample.settings.maximumPolls else { break }
            #expect(machine.state.kind == .resolvingTerminal)
            #expect(Self.count("queryTerminal", in: last) == 0, "not asked again before the poll")
            queries += Self.count("queryTerminal", in: machine.fire(.poll))
        }
        #expect(queries == Sample.settings.maximumPolls)
        #expect(machine.state == .failed(SessionProblem(.paymentUnresolved)))
        #expect(last.contains(.reconcilePayments))
        #expect(last.contains(.recordSessionEnd(.failed(.paymentUnresolved))))
        #expect(!Self.journalsState(last), "the journal keeps the intent open")
        #expect(machine.outages.contains(.journalUnsettled))
        #expect(machine.runningTimers[.poll] == nil)
    }

    @Test("a certain terminal failure (busy, nothing charged) is abandoned without asking the terminal about it")
    func certainTerminalFailure() {
        var machine = Self.machine(at: .atTerminal)
        let actions = machine.feed(.terminalFailed(SessionProblem(.terminalBusy)))
        #expect(Self.withoutTimers(actions) == [Self.abandoned])
        guard case .paymentFailed(_, let problem) = machine.state else { Issue.record("not failed: \(machine.state.kind)"); return }
        #expect(problem == SessionProblem(.terminalBusy))
        #expect(machine.runningTimers[.poll] == nil)
        #expect(!machine.outages.contains(.journalUnsettled))
    }

    @Test("an approved card the backend refuses to record is given back at the terminal, never abandoned or fenced; the session fails as reversed")
    func backendRefusesRecord() {
        var machine = Self.submittingCard()
        let refused = machine.feed(.paymentSubmissionFailed(SessionProblem(.enrollmentAlreadyPaid, backendMessage: "该人员2021年度已缴费")))
        #expect(Self.withoutTimers(refused) == [.reverseAtTerminal(Sample.approval, .unableToComplete)])
        #expect(machine.state.kind == .reversingAtTerminal)
        #expect(machine.state.hasMoneyInFlight)
        let reversed = machine.feed(.terminalReversed(.reversed))
        #expect(Self.withoutTimers(reversed) == [Self.reversedJournaled, .recordSessionEnd(.failed(.paymentReversed))])
        #expect(machine.state == .failed(SessionProblem(.paymentReversed, backendMessage: "该人员2021年度已缴费")))
        #expect(!machine.outages.contains(.journalUnsettled))
    }

    @Test("a reversal at the terminal that fails is retried at the next poll, up to maximumReversalAttempts; then the session fails unresolved")
    func terminalReversalGivesUp() {
        var machine = Self.submittingCard()
        var reversals = Self.count("reverseAtTerminal(unable_to_complete)", in: machine.feed(.paymentSubmissionFailed(SessionProblem(.enrollmentAlreadyPaid))))
        var last: [SessionAction] = []
        for attempt in 1...Sample.settings.maximumReversalAttempts {
            last = machine.feed(.terminalReversalFailed(Self.noAnswer))
            guard attempt < Sample.settings.maximumReversalAttempts else { break }
            #expect(labels(last) == ["+poll"], "retried at the next poll, not at once")
            #expect(machine.state.kind == .reversingAtTerminal)
            let retry = machine.fire(.poll)
            #expect(retry == [.reverseAtTerminal(Sample.approval, .unableToComplete)])
            reversals += Self.count("reverseAtTerminal(unable_to_complete)", in: retry)
        }
        #expect(reversals == Sample.settings.maximumReversalAttempts)
        #expect(machine.state == .failed(SessionProblem(.paymentUnresolved)))
        #expect(last.contains(.reconcilePayments))
        #expect(!Self.journalsState(last), "the journal keeps the approval for reconciliation")
        #expect(machine.outages.contains(.journalUnsettled))
    }

    @Test("a lost answer to recording a card is asked again by re-sending the record under the same key, never by fencing the key")
    func lostRecordResent() {
        var machine = Self.submittingCard()
        var all = machine.feed(.paymentSubmissionFailed(Sample.timeout))
        #expect(Self.withoutTimers(all).isEmpty, "asked again at the next poll")
        #expect(machine.state.kind == .resolvingSubmission)
        #expect(machine.state.hasMoneyInFlight)
        let resent = machine.fire(.poll)
        all += resent
        #expect(resent == [Self.record])
        all += machine.feed(.paymentSubmissionFailed(Sample.timeout))
        #expect(machine.state.kind == .resolvingSubmission)
        let again = machine.fire(.poll)
        all += again
        #expect(again == [Self.record])
        let settled = machine.feed(.paymentSubmitted(Self.recorded(.succeeded)))
        all += settled
        #expect(Self.withoutTimers(settled) == Self.paid)
        #expect(machine.state.kind == .fetchingReceipt)
        #expect(Self.count("fencePaymentKey", in: all) == 0)
        #expect(Self.count("queryPayment", in: all) == 0)
    }

    @Test("a card record never answered is re-sent exactly maximumPolls times, then left to reconciliation: neither abandoned nor reversed")
    func lostRecordUnresolved() {
        var machine = Self.submittingCard()
        var all = machine.feed(.paymentSubmissionFailed(Sample.timeout))
        var resends = 0
        while machine.state.kind == .resolvingSubmission, resends <= Sample.settings.maximumPolls {
            let resent = machine.fire(.poll)
            resends += Self.count("submitPayment", in: resent)
            all += resent + machine.feed(.paymentSubmissionFailed(Sample.timeout))
        }
        #expect(resends == Sample.settings.maximumPolls)
        #expect(machine.state == .failed(SessionProblem(.paymentUnresolved)))
        #expect(all.contains(.reconcilePayments))
        #expect(!Self.journalsState(all))
        #expect(Self.count("fencePaymentKey", in: all) == 0)
        #expect(!labels(all).contains { $0.hasPrefix("reverseAtTerminal") })
    }

    @Test("a re-sent card record the backend refuses outright is given back at the terminal")
    func resentRecordRefused() {
        var machine = Self.submittingCard()
        machine.feed(.paymentSubmissionFailed(Sample.timeout))
        _ = machine.fire(.poll)
        let refused = machine.feed(.paymentSubmissionFailed(SessionProblem(.enrollmentAlreadyPaid)))
        #expect(Self.withoutTimers(refused) == [.reverseAtTerminal(Sample.approval, .unableToComplete)])
        #expect(machine.state.kind == .reversingAtTerminal)
    }

    @Test(
        "a card payment the backend records as anything but succeeded is given back at the terminal and the session fails as reversed",
        arguments: [PaymentSnapshot.Status.failed, .expired, .reversed, .pending, .userPaying, .unknown, .unrecognized("HOLD")]
    )
    func backendRecordsNotSucceeded(_ status: PaymentSnapshot.Status) {
        var machine = Self.submittingCard()
        let snapshot = Self.recorded(status)
        let actions = machine.feed(.paymentSubmitted(snapshot))
        #expect(Self.withoutTimers(actions) == [
            .journalSubmission(idempotencyKey: Sample.key, paymentID: Sample.paymentID), .reverseAtTerminal(Sample.approval, .unableToComplete),
        ])
        #expect(machine.state.kind == .reversingAtTerminal)
        let reversed = machine.feed(.terminalReversed(.reversed))
        #expect(Self.withoutTimers(reversed) == [Self.reversedJournaled, .recordSessionEnd(.failed(.paymentReversed))])
        #expect(machine.state == .failed(SessionProblem(.paymentReversed, backendMessage: snapshot.failureMessage)))
    }

    @Test("a card terminal that goes away is not offered: choosing it does nothing, other methods still work, and it comes back")
    func cardAvailability() {
        var machine = Self.machine(at: .choosingMethod)
        #expect(machine.offeredMethods == [.payCode, .onScreenQR, .card])
        #expect(labels(machine.feed(.paymentMethodAvailability(.card, available: false))) == ["-idle", "+idle"], "the method screen is shown again")
        #expect(machine.state.kind == .choosingMethod)
        #expect(machine.offeredMethods == [.payCode, .onScreenQR])
        #expect(!machine.accepts(.methodChosen(.card)))
        #expect(machine.handle(.paymentMethodAvailability(.card, available: false)).isEmpty, "no change, no new screen")
        var payCode = machine
        #expect(labels(payCode.feed(.methodChosen(.payCode))) == ["-idle", "checkPrinter"])
        machine.feed(.paymentMethodAvailability(.card, available: true))
        #expect(machine.offeredMethods == [.payCode, .onScreenQR, .card])
        #expect(machine.accepts(.methodChosen(.card)))
        #expect(labels(machine.feed(.methodChosen(.card))) == ["-idle", "checkPrinter"])
    }

    @Test("a card terminal that went away before the method screen is not offered on it")
    func cardAwayBeforeMethodScreen() {
        var machine = Self.machine(at: .showingEnrollment)
        let before = machine.state
        #expect(machine.handle(.paymentMethodAvailability(.card, available: false)).isEmpty)
        #expect(machine.state == before)
        machine.feed(.paymentConfirmed)
        #expect(machine.state.kind == .choosingMethod)
        #expect(machine.offeredMethods == [.payCode, .onScreenQR])
        #expect(!machine.accepts(.methodChosen(.card)))
    }

    @Test("at the terminal money is in flight and no idle or dwell timer runs (the terminal's own timeout bounds it); shutdown there reconciles")
    func atTerminalHasNoTimeout() {
        var machine = Self.machine(at: .atTerminal)
        #expect(machine.state.hasMoneyInFlight)
        #expect(machine.state.paymentInFlight?.idempotencyKey == Sample.key)
        #expect(machine.runningTimers.isEmpty, "no idle, dwell or other timer at the PIN pad")
        #expect(machine.handle(.residentActive).isEmpty, "a touch starts no idle timer")
        var cancelling = machine
        cancelling.feed(.cancelTapped)
        #expect(cancelling.runningTimers.isEmpty, "nor while the abort is pending")
        let stop = machine.handle(.shutdownRequested)
        #expect(stop.contains(.reconcilePayments))
        #expect(stop.contains(.recordSessionEnd(.shutdown)))
        #expect(!Self.journalsState(stop))
        #expect(machine.state == .stopped)
    }

    @Test("cancel, then the terminal's answer is lost: the cancel is kept while the payment is asked about, and a charge found is given back")
    func cancelThenLostAnswerApproved() {
        var machine = Self.machine(at: .atTerminal)
        machine.feed(.cancelTapped)
        machine.feed(.terminalFailed(Self.noAnswer))
        guard case .resolvingTerminal(_, _, let cancelling) = machine.state else { Issue.record("not resolving: \(machine.state.kind)"); return }
        #expect(cancelling)
        let found = machine.feed(.terminalStatusFound(.finished(.approved(Sample.approval))))
        #expect(Self.withoutTimers(found) == [Self.approvalJournaled, .reverseAtTerminal(Sample.approval, .customerCancel)])
        #expect(!found.contains(Self.record), "a charge the resident cancelled is never recorded as paid")
        machine.feed(.terminalReversed(.reversed))
        #expect(machine.state == .attract(notice: .paymentCancelled))
    }

    @Test("cancel while the lost answer is being asked about: nothing to abort, but the charge found is given back; a declined or unknown one ends cancelled")
    func cancelWhileResolving() {
        var machine = Self.machine(at: .resolvingTerminal)
        let timers = machine.runningTimers
        #expect(machine.feed(.cancelTapped) == [], "no abort: the payment's request is over; the poll goes on")
        #expect(machine.runningTimers == timers)
        let found = machine.feed(.terminalStatusFound(.finished(.approved(Sample.approval))))
        #expect(found.contains(.reverseAtTerminal(Sample.approval, .customerCancel)))

        var unknown = Self.machine(at: .resolvingTerminal)
        unknown.feed(.cancelTapped)
        let notFound = unknown.feed(.terminalStatusFound(.notFound))
        #expect(notFound.contains(Self.abandoned))
        #expect(unknown.state == .attract(notice: .paymentCancelled))
    }

    @Test("the backend records the card payment as succeeded but for another amount: kept as the backend holds it, flagged for technicians, never reversed behind its back")
    func backendRecordsAnotherAmount() {
        var machine = Self.submittingCard()
        let settled = machine.feed(.paymentSubmitted(Sample.snapshot(.succeeded, amount: .yuan(431), method: .card)))
        #expect(Self.withoutTimers(settled).contains(.journalAnomaly(idempotencyKey: Sample.key, paymentID: Sample.paymentID, differences: ["amount"])))
        #expect(settled.contains(.journalPaymentState(idempotencyKey: Sample.key, .succeeded)))
        #expect(!settled.contains { if case .reverseAtTerminal = $0 { true } else { false } })
        guard case .failed(let problem) = machine.state else { Issue.record("not failed: \(machine.state.kind)"); return }
        #expect(problem.code == .sessionChargedOtherThanConfirmed)
    }
}
