import KioskCore
import Testing

@Suite("session journeys: identifying, enrollment screens, paying for others, history")
struct SessionIdentifyJourneyTests {
    @Test("a typed ID number is checked before the backend is asked; a mismatch is corrected on the same screen")
    func typedIdentity() {
        var machine = SessionStateMachine(settings: Sample.settings)
        machine.feed(.manualEntryChosen)
        #expect(machine.handle(.identityTyped(name: "刘洋", idNumber: "320602199901010330")) == [.cancelTimer(.idle), .startTimer(.idle, seconds: 60, generation: 2)])
        #expect(machine.state == .typingIdentity(notice: .idNumberInvalid))
        let lookup = machine.feed(.identityTyped(name: " 刘洋 ", idNumber: "320602199901010339"))
        #expect(lookup.last == .resolveIdentity(.typed(idNumber: "320602199901010339", name: "刘洋")))
        machine.feed(.personLookupFailed(SessionProblem(.identityMismatch)))
        #expect(machine.state == .typingIdentity(notice: .identityMismatch))
    }

    @Test("name and ID number pairs cannot be tried out: after 3 refused, the session ends and its data is wiped")
    func typedLookupsLimited() {
        var machine = SessionStateMachine(settings: Sample.settings)
        machine.feed(.manualEntryChosen)
        for attempt in 1...3 {
            machine.feed(.identityTyped(name: "刘洋", idNumber: "320602199901010339"))
            let actions = machine.feed(.personLookupFailed(SessionProblem(attempt == 2 ? .identityMismatch : .identityNotFound)))
            if attempt < 3 {
                #expect(machine.state.kind == .typingIdentity, "attempt \(attempt)")
            } else {
                #expect(machine.state == .attract(notice: .identityTooManyAttempts))
                #expect(actions.contains(.recordSessionEnd(.failed(.identityTooManyAttempts))))
            }
        }
        // The next resident starts with a clean count.
        machine.feed(.manualEntryChosen, .identityTyped(name: "刘洋", idNumber: "320602199901010339"))
        machine.feed(.personLookupFailed(SessionProblem(.identityNotFound)))
        #expect(machine.state == .typingIdentity(notice: .identityNotFound))
    }

    @Test("an e-SSC code scanned on the attract screen starts the look-up")
    func esscCode() {
        var machine = SessionStateMachine(settings: Sample.settings)
        #expect(machine.feed(.esscCodeScanned("essc-demo-zhang-jianguo")) == [
            .startTimer(.dwell, seconds: Sample.settings.maximumWaitSeconds, generation: 1), .resolveIdentity(.esscToken("essc-demo-zhang-jianguo")),
        ])
    }

    @Test("a card pulled mid-read goes back to attract with a message; another slot's removal is ignored")
    func cardPulled() {
        var machine = StateCatalog.machine(in: .readingCard)
        #expect(machine.handle(.cardRemoved(.socialSecurityCard)).isEmpty)
        #expect(machine.feed(.cardRemoved(.idCard)) == [.recordSessionEnd(.cardRemoved)])
        #expect(machine.state == .attract(notice: .cardRemoved))
    }

    @Test("an SSC is read, resolved and the enrollment loaded for the kiosk's insurance year")
    func sscCard() {
        var machine = SessionStateMachine(settings: Sample.settings)
        #expect(machine.feed(.cardInserted(.socialSecurityCard)) == [.readCard(.socialSecurityCard)])
        let claim = IdentityClaim.socialSecurityCard(cardNumber: "J32060000123", idNumber: "320602196005120210", name: "张建国")
        let wait = Sample.settings.maximumWaitSeconds
        #expect(machine.feed(.cardRead(claim)) == [.startTimer(.dwell, seconds: wait, generation: 1), .resolveIdentity(claim)])
        #expect(machine.feed(.personResolved(Sample.payer)) == [
            .cancelTimer(.dwell), .startTimer(.dwell, seconds: wait, generation: 2), .loadEnrollment(personRef: Sample.payer.personRef, year: 2021),
        ])
        machine.feed(.enrollmentLoaded(Sample.enrollment()))
        guard case .showingEnrollment(let context) = machine.state else { Issue.record("\(machine.state.kind)"); return }
        #expect(context.tier?.due == .yuan(430))
        #expect(context.tier?.components.count == 2)
        #expect(context.enrollment.window.closes == CalendarDate(iso: "2020-12-20"))
    }

    @Test("choosing a tier changes the amount paid")
    func tierChoice() {
        var machine = StateCatalog.machine(in: .showingEnrollment)
        #expect(machine.handle(.tierChosen("no-such-tier")).isEmpty)
        machine.feed(.tierChosen("tier2"), .paymentConfirmed, .methodChosen(.onScreenQR))
        let actions = machine.feed(.printerChecked(.ready()))
        guard case .journalPaymentIntent(let order) = actions.last else { Issue.record("\(actions)"); return }
        #expect(order.tierID == "tier2")
        #expect(order.amount == .yuan(655))
    }

    @Test("an exempt resident confirms the registration and gets a slip, no payment")
    func exempt() {
        var machine = StateCatalog.machine(in: .confirmingRegistration)
        let actions = machine.feed(.registrationConfirmed)
        guard case .printDocument(.registrationSlip(let slip)) = actions.last else { Issue.record("\(actions)"); return }
        #expect(slip.reliefLabel == "低保")
        #expect(slip.maskedName == "张*国")
        #expect(!actions.contains { if case .journalPaymentIntent = $0 { true } else { false } })
        machine.feed(.documentPrinted)
        #expect(machine.state == .takingReceipt(.registered(.printed)))
    }

    @Test("already paid: that payment's receipt is reprinted")
    func alreadyPaid() {
        var machine = StateCatalog.machine(in: .alreadyPaid)
        #expect(machine.handle(.reprintRequested(paymentID: "pay_someone_else_01")).isEmpty)
        #expect(machine.feed(.reprintRequested(paymentID: Sample.paidPaymentID)).last == .fetchReceipt(paymentID: Sample.paidPaymentID))
        machine.feed(.receiptFetched(Sample.receipt(paymentID: Sample.paidPaymentID)), .documentPrinted)
        #expect(machine.state == .takingReceipt(.reprinted(.printed)))
    }

    @Test("outside the payment window: the backend's dates are shown and nothing can be paid",
          arguments: [KioskError.Code.enrollmentWindowNotOpen, .enrollmentWindowClosed, .enrollmentWindowClosedPayElsewhere, .enrollmentNotEligible, .enrollmentAlreadyPaid])
    func refused(code: KioskError.Code) {
        var machine = StateCatalog.machine(in: .lookingUpEnrollment)
        let problem = SessionProblem(code, backendMessage: "集中缴费期为2020-11-01至2020-12-20")
        machine.feed(.enrollmentLookupFailed(problem))
        #expect(machine.state == .unavailable(Sample.payer, payer: nil, problem))
        #expect(machine.handle(.paymentConfirmed).isEmpty)
        #expect(ResidentMessage.text(for: problem).contains("2020-12-20"))
        #expect(ResidentMessage.text(for: problem).contains(code.rawValue))
    }

    @Test("paying for a registered relative carries the payer's reference")
    func payForRelative() {
        var machine = StateCatalog.machine(in: .choosingBeneficiary)
        #expect(machine.handle(.relativeChosen(personRef: "ref_stranger_01")).isEmpty)
        #expect(machine.feed(.relativeChosen(personRef: Sample.relative.personRef)).last == .loadEnrollment(personRef: Sample.relative.personRef, year: 2021))
        machine.feed(.enrollmentLoaded(Sample.enrollment(for: Person(relative: Sample.relative, region: "320600"), tiers: [Sample.adult])))
        // The relative cannot in turn pay for someone else.
        #expect(machine.handle(.payForOtherChosen).isEmpty)
        machine.feed(.paymentConfirmed, .methodChosen(.onScreenQR))
        let actions = machine.feed(.printerChecked(.ready()))
        guard case .journalPaymentIntent(let order) = actions.last else { Issue.record("\(actions)"); return }
        #expect(order.personRef == Sample.relative.personRef)
        #expect(order.payerRef == Sample.payer.personRef)
    }

    @Test("paying for another person by typed name and ID number")
    func payForTypedPerson() {
        var machine = StateCatalog.machine(in: .choosingBeneficiary)
        machine.feed(.identityTyped(name: "刘洋", idNumber: "320602199901010330"))
        #expect(machine.state == .choosingBeneficiary(payer: Sample.payer, notice: .idNumberInvalid))
        machine.feed(.identityTyped(name: "刘洋", idNumber: Sample.validIDNumber), .personResolved(Sample.other))
        #expect(machine.state == .lookingUpEnrollment(Sample.other, payer: Sample.payer))
        #expect(machine.handle(.personLookupFailed(SessionProblem(.identityNotFound))).isEmpty, "not looking up any more")
    }

    @Test("a typed beneficiary the backend does not know is corrected on the beneficiary screen")
    func typedBeneficiaryNotFound() {
        var machine = StateCatalog.machine(in: .choosingBeneficiary)
        machine.feed(.identityTyped(name: "刘洋", idNumber: Sample.validIDNumber), .personLookupFailed(SessionProblem(.identityNotFound)))
        #expect(machine.state == .choosingBeneficiary(payer: Sample.payer, notice: .identityNotFound))
    }

    @Test("the history lists own and paid-for-others payments; a receipt is reprinted from it; back returns")
    func history() {
        var machine = StateCatalog.machine(in: .showingHistory)
        #expect(machine.handle(.reprintRequested(paymentID: "pay_unknown_000001")).isEmpty)
        var back = machine
        back.feed(.backTapped)
        #expect(back.state.kind == .showingEnrollment)
        machine.feed(.reprintRequested(paymentID: Sample.paidPaymentID), .receiptFetchFailed(Sample.timeout))
        #expect(machine.state == .finished(.reprinted(.notPrinted)))
    }
}
