

extension SessionStateMachine {
    mutating func lookingUpEnrollment(_ person: Person, payer: Person?, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .enrollmentLoaded(let enrollment):
            if let problem = EnrollmentCheck.problem(enrollment, for: person, settings: settings) { return fail(problem) }
            var insured = person
            insured.region = enrollment.region
            return enter(Self.screen(for: EnrollmentContext(insured: insured, payer: payer, enrollment: enrollment)))
        case .enrollmentLookupFailed(let problem):
            guard !problem.isUncertain, KioskError.Code.enrollmentRefusals.contains(problem.code) else { return fail(problem) }
            return enter(.unavailable(person, payer: payer, problem))
        default:
            return []
        }
    }

    static func screen(for context: EnrollmentContext) -> SessionState {
        switch context.enrollment.status {
        case .exempt: .confirmingRegistration(context)
        case .paid: .alreadyPaid(context)
        // Said in plain Chinese, with history and paying for a relative still offered, never a second payment.
        case .paymentInProgress: .unavailable(context.insured, payer: context.payer, SessionProblem(.enrollmentPaymentInProgress))
        case .payable, .unrecognized: .showingEnrollment(context)
        }
    }

    mutating func showingEnrollment(_ context: EnrollmentContext, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .tierChosen(let id) where id != context.tierID && context.enrollment.tier(id) != nil:
            var chosen = context
            chosen.tierID = id
            return enter(.showingEnrollment(chosen))
        case .paymentConfirmed:
            guard let tier = context.tier else { return fail(.sessionEnrollmentInconsistent) }
            // A tier aid covers in full is registered, not paid (registrationConfirmed below).
            guard tier.due > .zero else { return [] }
            if let problem = EnrollmentCheck.dueProblem(tier, settings: settings) { return fail(problem) }
            return enter(.choosingMethod(context))
        case .registrationConfirmed:
            guard let tier = context.tier, tier.due == .zero else { return [] }
            return printRegistrationSlip(context, tierLabel: tier.label)
        default:
            return residentOptions(context, event)
        }
    }

    mutating func confirmingRegistration(_ context: EnrollmentContext, _ event: SessionEvent) -> [SessionAction] {
        guard case .registrationConfirmed = event else { return residentOptions(context, event) }
        return printRegistrationSlip(context, tierLabel: nil)
    }

    /// Nothing to pay: the 参保登记凭证 is printed, and no backend call is made (the backend's answer
    /// already says nothing is due).
    private mutating func printRegistrationSlip(_ context: EnrollmentContext, tierLabel: String?) -> [SessionAction] {
        let enrollment = context.enrollment
        let slip = RegistrationSlip(
            maskedName: context.insured.maskedName, maskedIDNumber: context.insured.maskedIDNumber, year: enrollment.year,
            region: enrollment.region, policyTitle: enrollment.policyTitle, categoryLabel: enrollment.categoryLabel,
            reliefLabel: enrollment.relief?.label, reliefDescription: enrollment.relief?.description, tierLabel: tierLabel
        )
        let job = PrintJob(document: .registrationSlip(slip), purpose: .registration)
        return enter(.printing(job)) + [.printDocument(job.document)]
    }

    mutating func alreadyPaid(_ context: EnrollmentContext, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .reprintRequested(let paymentID) where paymentID == context.enrollment.paidPaymentID:
            return fetchReceipt(ReceiptJob(paymentID: paymentID, purpose: .reprint))
        case .doneTapped:
            return endSession(.completed, to: .attract(notice: nil))
        default:
            return residentOptions(context, event)
        }
    }

    mutating func unavailable(_ person: Person, payer: Person?, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .doneTapped: return endSession(.completed, to: .attract(notice: nil))
        case .historyRequested: return loadHistory(of: payer ?? person, returnTo: state)
        case .payForOtherChosen where payer == nil: return enter(.choosingBeneficiary(payer: person, notice: nil))
        default: return []
        }
    }

    /// What every enrollment screen offers: the payment history, and paying for a relative (only the
    /// resident who identified, not someone already being paid for).
    mutating func residentOptions(_ context: EnrollmentContext, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .historyRequested: return loadHistory(of: context.resident, returnTo: state)
        case .payForOtherChosen where context.payer == nil: return enter(.choosingBeneficiary(payer: context.insured, notice: nil))
        default: return []
        }
    }
}

extension SessionStateMachine {
    mutating func loadHistory(of person: Person, returnTo: SessionState) -> [SessionAction] {
        enter(.loadingHistory(person, returnTo: returnTo)) + [.loadPaymentHistory(personRef: person.personRef)]
    }

    mutating func loadingHistory(_ person: Person, returnTo: SessionState, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .historyLoaded(let entries): return enter(.showingHistory(person, entries, returnTo: returnTo))
        case .historyLoadFailed: return enter(returnTo)
        default: return []
        }
    }

    mutating func showingHistory(_ entries: [PaymentHistoryEntry], returnTo: SessionState, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .reprintRequested(let paymentID) where entries.contains(where: { $0.paymentID == paymentID && $0.receiptAvailable }):
            return fetchReceipt(ReceiptJob(paymentID: paymentID, purpose: .reprint))
        case .backTapped:
            return enter(returnTo)
        default:
            return []
        }
    }
}

extension SessionStateMachine {
    /// Cancel from any screen where the resident can; while money is in flight it means "reverse and end",
    /// and while the outcome is being learnt (journaling, submitting, reversing) it is not offered.
    mutating func cancelTapped() -> [SessionAction] {
        switch state {
        case .readingCard, .typingIdentity, .lookingUpPerson, .lookingUpEnrollment, .showingEnrollment, .confirmingRegistration,
             .alreadyPaid, .unavailable, .choosingBeneficiary, .loadingHistory, .showingHistory, .choosingMethod, .checkingPrinter,
             .printerUnavailable, .awaitingPayCode, .paymentFailed, .stillThere:
            return endSession(.cancelled, to: .attract(notice: nil))
        case .awaitingPayer(let flight, _, _), .showingQR(let flight, _):
            return reverse(flight, .cancelledByResident)
        case .atTerminal(let flight, cancelling: false):
            return cancelAtTerminal(flight)
        case .resolvingTerminal(let flight, let attemptsLeft, cancelling: false):
            return cancelWhileResolving(flight, attemptsLeft: attemptsLeft)
        default:
            return []
        }
    }

    /// Ends the session with an error: the data is wiped, the code is shown.
    mutating func fail(_ problem: SessionProblem) -> [SessionAction] {
        endSession(.failed(problem.code), to: .failed(problem))
    }

    mutating func fail(_ code: KioskError.Code) -> [SessionAction] {
        fail(SessionProblem(code))
    }
}
