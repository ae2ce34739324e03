import KioskCore
import Testing

@Suite("session state machine: answers it cannot trust end the session with a code, no money moves")
struct SessionValidationTests {
    static func loaded(_ enrollment: Enrollment, settings: SessionSettings = Sample.settings) -> (SessionStateMachine, [SessionAction]) {
        var machine = SessionStateMachine(settings: settings)
        for event in StateCatalog.path(to: .lookingUpEnrollment) { _ = machine.handle(event) }
        let actions = machine.handle(.enrollmentLoaded(enrollment))
        return (machine, actions)
    }

    static let negative = Tier(id: "adult", label: "成年居民", amount: .yuan(430), due: Money(fen: -100))
    static let free = Tier(id: "adult", label: "成年居民", amount: .yuan(430), relief: .yuan(430), due: .zero)
    static let expensive = Tier(id: "adult", label: "成年居民", amount: .yuan(1200), due: .yuan(1200))

    @Test("inconsistent enrollments are refused", arguments: [
        (Sample.enrollment(tiers: [negative]), KioskError.Code.sessionAmountInvalid),
        (Sample.enrollment(tiers: [free]), .sessionAmountInvalid),
        (Sample.enrollment(tiers: [expensive]), .sessionAmountAboveMaximum),
        (Sample.enrollment(status: .unrecognized("frozen")), .sessionEnrollmentInconsistent),
        (Sample.enrollment(defaultTier: "missing"), .sessionEnrollmentInconsistent),
        (Sample.enrollment(year: 2022), .sessionEnrollmentInconsistent),
        (Sample.enrollment(for: Sample.other), .sessionEnrollmentInconsistent),
        (Sample.enrollment(status: .paid), .sessionEnrollmentInconsistent),
        (Sample.enrollment(status: .exempt), .sessionEnrollmentInconsistent),
    ])
    func refusedEnrollment(enrollment: Enrollment, code: KioskError.Code) {
        let (machine, actions) = Self.loaded(enrollment)
        #expect(machine.state == .failed(SessionProblem(code)))
        #expect(!machine.state.holdsPersonalData)
        #expect(labels(actions) == ["-dwell", "+idle", "end(failed)"])
    }

    @Test("a tier above the kiosk's maximum cannot be paid")
    func tierAboveMaximum() {
        var machine = StateCatalog.machine(in: .showingEnrollment)
        var settings = Sample.settings
        settings.maximumAmount = .yuan(500)
        machine = SessionStateMachine(settings: settings)
        for event in StateCatalog.path(to: .showingEnrollment) { _ = machine.handle(event) }
        machine.feed(.tierChosen("tier2"), .paymentConfirmed)
        #expect(machine.state == .failed(SessionProblem(.sessionAmountAboveMaximum)))
    }

    @Test("an open payment of another amount than confirmed is reversed, then the session fails")
    func amountChanged() {
        var machine = StateCatalog.machine(in: .submitting)
        let actions = machine.feed(.paymentSubmitted(Sample.snapshot(.userPaying, amount: .yuan(431))))
        #expect(actions.contains(.reversePayment(paymentID: Sample.paymentID, idempotencyKey: Sample.key + "-reverse")))
        machine.feed(.paymentReversed(Sample.snapshot(.reversed, amount: .yuan(431))))
        #expect(machine.state == .failed(SessionProblem(.sessionAmountChanged)))
    }

    @Test("a succeeded payment for another amount, person, year or tier: recorded as it is, flagged for technicians, the resident told",
          arguments: [
            (Sample.snapshot(.succeeded, amount: .yuan(431)), ["amount"]),
            (PaymentSnapshot(paymentID: Sample.paymentID, status: .succeeded, amount: .yuan(430), method: .payCode, personRef: "ref_other_0001", year: 2021, tierID: "adult"), ["person"]),
            (PaymentSnapshot(paymentID: Sample.paymentID, status: .succeeded, amount: .yuan(430), method: .payCode, personRef: Sample.payer.personRef, year: 2022, tierID: "tier2"), ["year", "tier"]),
          ])
    func chargedOtherThanConfirmed(snapshot: PaymentSnapshot, differences: [String]) {
        var machine = StateCatalog.machine(in: .submitting)
        let actions = machine.feed(.paymentSubmitted(snapshot))
        #expect(actions.contains(.journalPaymentState(idempotencyKey: Sample.key, .succeeded)), "money moved: the journal says so")
        #expect(actions.contains(.journalAnomaly(idempotencyKey: Sample.key, paymentID: Sample.paymentID, differences: differences)))
        #expect(machine.state == .failed(SessionProblem(.sessionChargedOtherThanConfirmed)))
        #expect(!actions.contains { if case .fetchReceipt = $0 { true } else { false } }, "no receipt is printed as if all were well")
    }

    @Test("the same payment as confirmed, with the backend naming person, year and tier: no anomaly")
    func sameAsConfirmed() {
        var machine = StateCatalog.machine(in: .submitting)
        let snapshot = PaymentSnapshot(paymentID: Sample.paymentID, status: .succeeded, amount: .yuan(430), method: .payCode,
                                       personRef: Sample.payer.personRef, year: 2021, tierID: "adult")
        let actions = machine.feed(.paymentSubmitted(snapshot))
        #expect(!actions.contains { if case .journalAnomaly = $0 { true } else { false } })
        #expect(machine.state.kind == .fetchingReceipt)
    }

    @Test("a payment status the kiosk does not know is reversed, then the session fails")
    func unknownStatus() {
        var machine = StateCatalog.machine(in: .submitting)
        machine.feed(.paymentSubmitted(Sample.snapshot(.unrecognized("refunding"))))
        #expect(machine.state.kind == .reversing)
        machine.feed(.paymentReversed(Sample.snapshot(.reversed)))
        #expect(machine.state == .failed(SessionProblem(.sessionPaymentStatusUnknown)))
    }

    @Test("the backend refusing the amount (changed since the look-up) abandons the intent")
    func amountMismatch() {
        var machine = StateCatalog.machine(in: .submitting)
        let actions = machine.feed(.paymentSubmissionFailed(SessionProblem(.paymentAmountMismatch, backendMessage: "缴费金额已更新，请重新确认")))
        #expect(actions.first == .journalPaymentState(idempotencyKey: Sample.key, .abandoned))
        #expect(machine.state.kind == .failed)
    }

    @Test("an answer about another payment is an error, not silence: the payment is left to reconciliation; answers nobody waits for are ignored",
          arguments: [SessionState.Kind.awaitingPayer, .reversing])
    func strayAnswers(kind: SessionState.Kind) {
        var machine = StateCatalog.machine(in: kind)
        let actions = machine.handle(.paymentQueried(Sample.snapshot(.succeeded, id: "pay_other_00000001")))
        #expect(machine.state == .failed(SessionProblem(.sessionPaymentMismatch)), "\(kind)")
        #expect(!actions.contains { if case .journalPaymentState = $0 { true } else { false } }, "nothing is journaled from another payment's answer")
        #expect(labels(actions).last == "reconcilePayments")

        var receipt = StateCatalog.machine(in: .fetchingReceipt)
        receipt.feed(.receiptFetched(Sample.receipt(paymentID: "pay_other_00000001")))
        #expect(receipt.state == .finished(.paid(.owed)), "a receipt of another payment is never printed; this one stays owed")

        var idle = SessionStateMachine(settings: Sample.settings)
        for event: SessionEvent in [.paymentSubmitted(Sample.snapshot(.succeeded)), .documentPrinted, .personResolved(Sample.payer), .continueTapped] {
            #expect(idle.handle(event).isEmpty)
            #expect(idle.state == .attract(notice: nil))
        }
    }
}
