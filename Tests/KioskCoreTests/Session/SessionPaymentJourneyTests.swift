import KioskCore
import Testing

@Suite("session journeys: paying by pay code and on-screen QR")
struct SessionPaymentJourneyTests {
    static func machine(at kind: SessionState.Kind) -> SessionStateMachine { StateCatalog.machine(in: kind) }

    @Test("pay code: printer checked, intent journaled before the backend is asked, receipt printed and taken")
    func payCodeSucceeds() {
        var machine = Self.machine(at: .choosingMethod)
        #expect(labels(machine.feed(.methodChosen(.payCode))) == ["-idle", "checkPrinter"])
        machine.feed(.printerChecked(.ready(paper: .low)))
        let journal = machine.feed(.payCodeScanned(Sample.payCode, at: .zero))
        let order = PaymentOrder(personRef: Sample.payer.personRef, payerRef: nil, year: 2021, tierID: "adult", amount: .yuan(430), method: .payCode)
        #expect(journal.contains(.journalPaymentIntent(order)))
        #expect(!journal.contains { if case .submitPayment = $0 { true } else { false } })
        let submit = machine.feed(.paymentIntentJournaled(idempotencyKey: Sample.key))
        #expect(labels(submit) == ["-dwell", "+dwell", "submitPayment"])
        #expect(submit.last == .submitPayment(idempotencyKey: Sample.key, order, payCode: Sample.payCode))
        #expect(machine.state.kind == .submitting)
        let settled = machine.feed(.paymentSubmitted(Sample.snapshot(.succeeded)))
        #expect(settled.filter { !$0.isTimer } == [
            .journalSubmission(idempotencyKey: Sample.key, paymentID: Sample.paymentID),
            .journalPaymentState(idempotencyKey: Sample.key, .succeeded),
            .fetchReceipt(paymentID: Sample.paymentID),
        ])
        #expect(machine.runningTimers[.dwell] != nil, "the receipt fetch waits at most the maximum wait")
        #expect(machine.feed(.receiptFetched(Sample.receipt())) == [.cancelTimer(.dwell), .printDocument(.electronicReceipt(Sample.receipt()))])
        #expect(machine.feed(.documentPrinted).contains(.journalReceipt(idempotencyKey: Sample.key, .printed)))
        #expect(machine.state == .takingReceipt(.paid(.printed)))
        #expect(!machine.state.holdsPersonalData)
        machine.feed(.receiptTaken)
        #expect(machine.state == .finished(.paid(.printed)))
        _ = machine.fire(.idle)
        #expect(machine.state == .attract(notice: nil))
    }

    @Test("user-paying is queried every poll interval until it succeeds (sandbox suffix 91)")
    func userPayingThenSucceeds() {
        var machine = Self.machine(at: .awaitingPayer)
        #expect(machine.fire(.poll) == [.queryPayment(paymentID: Sample.paymentID)])
        machine.feed(.paymentQueried(Sample.snapshot(.userPaying)))
        #expect(machine.state.kind == .awaitingPayer)
        #expect(machine.runningTimers[.poll] != nil)
        _ = machine.fire(.poll)
        machine.feed(.paymentQueried(Sample.snapshot(.succeeded)))
        #expect(machine.state == .fetchingReceipt(ReceiptJob(paymentID: Sample.paymentID, purpose: .payment(idempotencyKey: Sample.key))))
    }

    @Test("a payer who never confirms is reversed after the polling limit, then may retry (suffix 92)")
    func neverConfirmed() {
        var machine = Self.machine(at: .awaitingPayer)
        var last: [SessionAction] = []
        for _ in 0..<Sample.settings.maximumPolls {
            _ = machine.fire(.poll)
            last = machine.feed(.paymentQueried(Sample.snapshot(.userPaying)))
        }
        #expect(last.contains(.reversePayment(paymentID: Sample.paymentID, idempotencyKey: Sample.key + "-reverse")))
        #expect(machine.state.kind == .reversing)
        let reversed = machine.feed(.paymentReversed(Sample.snapshot(.reversed)))
        #expect(reversed.contains(.journalPaymentState(idempotencyKey: Sample.key, .reversed)))
        guard case .paymentFailed(_, let problem) = machine.state else { Issue.record("not failed: \(machine.state.kind)"); return }
        #expect(problem.code == .paymentNotConfirmed)
        machine.feed(.retryChosen)
        #expect(machine.state.kind == .choosingMethod)
    }

    @Test("a pay code is used once within its validity: scanned elsewhere it is not used up; scanned again it is refused until its validity has passed")
    func payCodeReplay() {
        var machine = Self.machine(at: .choosingMethod)
        #expect(machine.handle(.payCodeScanned(Sample.payCode, at: .zero)) == [], "only the pay-code screen takes a code")
        #expect(machine.state.kind == .choosingMethod)
        machine.feed(.methodChosen(.payCode))
        machine.feed(.printerChecked(.ready()))
        machine.feed(.payCodeScanned(Sample.payCode, at: .seconds(1)))
        #expect(machine.state.kind == .journalingIntent, "the code scanned on another screen was not used up")
        machine.feed(.paymentIntentJournaled(idempotencyKey: Sample.key))
        machine.feed(.paymentSubmitted(Sample.snapshot(.failed)))
        machine.feed(.retryChosen)
        machine.feed(.methodChosen(.payCode))
        machine.feed(.printerChecked(.ready()))
        #expect(machine.state.kind == .awaitingPayCode)
        let refused = machine.feed(.payCodeScanned(Sample.payCode, at: .seconds(60)))
        guard case .awaitingPayCode(_, let notice) = machine.state else { Issue.record("\(machine.state.kind)"); return }
        #expect(notice == .payCodeAlreadyUsed)
        #expect(!refused.contains { if case .journalPaymentIntent = $0 { true } else { false } })
        machine.feed(.payCodeScanned(Sample.payCode, at: .seconds(1) + PayCodeReplayGuard().validity))
        #expect(machine.state.kind == .journalingIntent, "after its validity the code is admitted again")
    }

    @Test("insufficient funds is a failure with the provider's text; no reversal (suffix 93)")
    func declined() {
        var machine = Self.machine(at: .submitting)
        let actions = machine.feed(.paymentSubmitted(Sample.snapshot(.failed)))
        #expect(actions.contains(.journalPaymentState(idempotencyKey: Sample.key, .failed)))
        guard case .paymentFailed(_, let problem) = machine.state else { Issue.record("\(machine.state.kind)"); return }
        #expect(problem.code == .paymentDeclined)
        #expect(problem.backendMessage == "付款账户余额不足，请更换付款方式")
    }

    @Test("no answer ever is reversed; a reversal the backend refuses as not reversible is queried and completed")
    func unknownOutcomes() {
        var machine = Self.machine(at: .submitting)
        machine.feed(.paymentSubmitted(Sample.snapshot(.unknown)))
        #expect(machine.state.kind == .awaitingPayer)
        machine.feed(.cancelTapped)
        #expect(machine.state.kind == .reversing)
        #expect(machine.feed(.paymentReversalFailed(SessionProblem(.paymentNotReversible))) == [.queryPayment(paymentID: Sample.paymentID)])
        machine.feed(.paymentQueried(Sample.snapshot(.succeeded)))
        #expect(machine.state.kind == .fetchingReceipt)
    }

    @Test("cancel while the payer is confirming reverses and ends the session with a message")
    func cancelReverses() {
        var machine = Self.machine(at: .reversing)
        machine.feed(.paymentReversed(Sample.snapshot(.reversed)))
        #expect(machine.state == .attract(notice: .paymentCancelled))
        #expect(!machine.state.holdsPersonalData)
    }

    @Test("a reversal that keeps failing leaves the payment to start-up reconciliation")
    func reversalGivesUp() {
        var machine = Self.machine(at: .reversing)
        machine.feed(.paymentReversalFailed(Sample.timeout))
        #expect(machine.fire(.poll) == [.reversePayment(paymentID: Sample.paymentID, idempotencyKey: Sample.key + "-reverse")])
        let actions = machine.feed(.paymentReversalFailed(Sample.timeout))
        #expect(machine.state == .failed(SessionProblem(.paymentUnresolved)))
        #expect(!actions.contains { if case .journalPaymentState = $0 { true } else { false } })
    }

    @Test("on-screen QR: journaled, shown, polled while pending, paid")
    func qrPaid() {
        var machine = Self.machine(at: .showingQR)
        #expect(machine.runningTimers[.qr] != nil)
        let qrGeneration = machine.runningTimers[.qr]
        _ = machine.fire(.poll)
        machine.feed(.paymentQueried(Sample.snapshot(.pending, method: .onScreenQR)))
        #expect(machine.runningTimers[.qr] == qrGeneration, "polling does not restart the QR timeout")
        _ = machine.fire(.poll)
        machine.feed(.paymentQueried(Sample.snapshot(.succeeded, method: .onScreenQR)))
        #expect(machine.state.kind == .fetchingReceipt)
    }

    @Test("an unpaid QR is closed when its timeout runs out")
    func qrExpires() {
        var machine = Self.machine(at: .showingQR)
        #expect(machine.fire(.qr).contains(.reversePayment(paymentID: Sample.paymentID, idempotencyKey: Sample.key + "-reverse")))
        machine.feed(.paymentReversed(Sample.snapshot(.reversed, method: .onScreenQR)))
        guard case .paymentFailed(_, let problem) = machine.state else { Issue.record("\(machine.state.kind)"); return }
        #expect(problem.code == .paymentQRExpired)
    }

    @Test("a lost create answer is looked up by idempotency key: found, never created, or left unresolved")
    func lostAnswer() {
        var found = Self.machine(at: .resolvingSubmission)
        #expect(found.fire(.poll) == [.fencePaymentKey(idempotencyKey: Sample.key)])
        found.feed(.paymentQueried(Sample.snapshot(.succeeded)))
        #expect(found.state.kind == .fetchingReceipt)

        var absent = Self.machine(at: .resolvingSubmission)
        let actions = absent.feed(.paymentKeyVoided)
        #expect(actions.contains(.journalPaymentState(idempotencyKey: Sample.key, .abandoned)))
        #expect(absent.state == .failed(Sample.timeout))

        var unknown = Self.machine(at: .resolvingSubmission)
        for _ in 0..<Sample.settings.maximumPolls { unknown.feed(.paymentQueryFailed(Sample.timeout)) }
        #expect(unknown.state == .failed(SessionProblem(.paymentUnresolved)))
    }

    @Test("a journal failure ends the session before the backend is asked")
    func journalFails() {
        var machine = Self.machine(at: .journalingIntent)
        let actions = machine.feed(.paymentIntentJournalFailed(SessionProblem(.journalUnavailable)))
        #expect(!actions.contains { if case .submitPayment = $0 { true } else { false } })
        #expect(machine.state == .failed(SessionProblem(.journalUnavailable)))
    }

    @Test("a pay code the backend cannot read abandons the intent and asks for another scan")
    func unreadablePayCode() {
        var machine = Self.machine(at: .submitting)
        let actions = machine.feed(.paymentSubmissionFailed(SessionProblem(.payCodeInvalid)))
        #expect(actions.first == .journalPaymentState(idempotencyKey: Sample.key, .abandoned))
        guard case .awaitingPayCode(_, let notice) = machine.state else { Issue.record("\(machine.state.kind)"); return }
        #expect(notice == .payCodeInvalid)
    }

    @Test("a printer without paper: continue without a receipt (owed), or refuse when printing is required")
    func printerOut() {
        var paperless = Self.machine(at: .printerUnavailable)
        paperless.feed(.continueWithoutReceiptChosen, .payCodeScanned(Sample.payCode, at: .zero), .paymentIntentJournaled(idempotencyKey: Sample.key))
        let actions = paperless.feed(.paymentSubmitted(Sample.snapshot(.succeeded)))
        #expect(!actions.contains(.fetchReceipt(paymentID: Sample.paymentID)))
        #expect(paperless.state == .finished(.paid(.owed)))

        var strict = SessionStateMachine(settings: { var settings = Sample.settings; settings.printingRequired = true; return settings }())
        for event in StateCatalog.path(to: .printerUnavailable) { _ = strict.handle(event) }
        #expect(strict.handle(.continueWithoutReceiptChosen).isEmpty)
        #expect(strict.state.kind == .printerUnavailable)
    }

    @Test("a receipt that does not print stays owed: the session ends saying so")
    func printFails() {
        var machine = Self.machine(at: .printing)
        let actions = machine.feed(.printFailed(SessionProblem(.printerJammed)))
        #expect(!actions.contains { if case .journalReceipt = $0 { true } else { false } })
        #expect(machine.state == .finished(.paid(.owed)))
    }

    @Test("only configured methods can be chosen")
    func onlyConfiguredMethods() {
        var settings = Sample.settings
        settings.paymentMethods = [.onScreenQR]
        var machine = SessionStateMachine(settings: settings)
        for event in StateCatalog.path(to: .choosingMethod) { _ = machine.handle(event) }
        #expect(machine.handle(.methodChosen(.payCode)).isEmpty)
        #expect(machine.handle(.methodChosen(.onScreenQR)) == [.cancelTimer(.idle), .checkPrinter])
    }
}
