import KioskCore

/// A machine in each state, reached the way a resident would reach it (so its timers are real).
enum StateCatalog {
    static func machine(in kind: SessionState.Kind) -> SessionStateMachine {
        var machine = SessionStateMachine(settings: Sample.settings)
        for event in path(to: kind) {
            if case .timerFired(let timer, _) = event, let generation = machine.runningTimers[timer] {
                _ = machine.handle(.timerFired(timer, generation: generation))
            } else {
                _ = machine.handle(event)
            }
        }
        return machine
    }

    static func path(to kind: SessionState.Kind) -> [SessionEvent] {
        switch kind {
        case .attract: []
        case .readingCard: [.cardInserted(.idCard)]
        case .typingIdentity: [.manualEntryChosen]
        case .lookingUpPerson: path(to: .readingCard) + [.cardRead(Sample.idCardClaim)]
        case .lookingUpEnrollment: path(to: .lookingUpPerson) + [.personResolved(Sample.payer)]
        case .showingEnrollment: path(to: .lookingUpEnrollment) + [.enrollmentLoaded(Sample.enrollment())]
        case .confirmingRegistration: path(to: .lookingUpEnrollment) + [.enrollmentLoaded(Sample.exemptEnrollment)]
        case .alreadyPaid: path(to: .lookingUpEnrollment) + [.enrollmentLoaded(Sample.paidEnrollment)]
        case .unavailable: path(to: .lookingUpEnrollment) + [.enrollmentLookupFailed(Sample.windowClosed)]
        case .choosingBeneficiary: path(to: .showingEnrollment) + [.payForOtherChosen]
        case .loadingHistory: path(to: .showingEnrollment) + [.historyRequested]
        case .showingHistory: path(to: .loadingHistory) + [.historyLoaded([Sample.historyEntry])]
        case .choosingMethod: path(to: .showingEnrollment) + [.paymentConfirmed]
        case .checkingPrinter: path(to: .choosingMethod) + [.methodChosen(.payCode)]
        case .printerUnavailable: path(to: .checkingPrinter) + [.printerChecked(.unable(.printerPaperOut, paper: .out))]
        case .awaitingPayCode: path(to: .checkingPrinter) + [.printerChecked(.ready())]
        case .journalingIntent: path(to: .awaitingPayCode) + [.payCodeScanned(Sample.payCode, at: .zero)]
        case .submitting: path(to: .journalingIntent) + [.paymentIntentJournaled(idempotencyKey: Sample.key)]
        case .resolvingSubmission: path(to: .submitting) + [.paymentSubmissionFailed(Sample.timeout)]
        case .awaitingPayer: path(to: .submitting) + [.paymentSubmitted(Sample.snapshot(.userPaying))]
        case .showingQR:
            path(to: .choosingMethod) + [
                .methodChosen(.onScreenQR), .printerChecked(.ready()), .paymentIntentJournaled(idempotencyKey: Sample.key),
                .paymentSubmitted(Sample.snapshot(.pending, method: .onScreenQR)),
            ]
        case .reversing: path(to: .awaitingPayer) + [.cancelTapped]
        case .atTerminal:
            path(to: .choosingMethod) + [.methodChosen(.card), .printerChecked(.ready()), .paymentIntentJournaled(idempotencyKey: Sample.key)]
        case .resolvingTerminal: path(to: .atTerminal) + [.terminalFailed(SessionProblem(.terminalNoAnswer, isUncertain: true))]
        case .reversingAtTerminal: path(to: .atTerminal) + [.cancelTapped, .terminalAnswered(.approved(Sample.approval))]
        case .paymentFailed: path(to: .submitting) + [.paymentSubmitted(Sample.snapshot(.failed))]
        case .fetchingReceipt: path(to: .submitting) + [.paymentSubmitted(Sample.snapshot(.succeeded))]
        case .printing: path(to: .fetchingReceipt) + [.receiptFetched(Sample.receipt())]
        case .takingReceipt: path(to: .printing) + [.documentPrinted]
        case .stillThere: path(to: .showingEnrollment) + [.timerFired(.idle, generation: 0)]
        case .finished: path(to: .takingReceipt) + [.receiptTaken]
        case .failed: path(to: .lookingUpPerson) + [.personLookupFailed(SessionProblem(.identityNotFound))]
        case .outOfService: [.serviceDegraded(.printerOffline)]
        case .maintenance: [.maintenanceRequested]
        case .stopped: [.shutdownRequested]
        }
    }
}

/// One representative value of every event.
enum EventKind: String, CaseIterable, Sendable {
    case cardInserted, cardRemoved, cardRead, cardReadFailed, esscCodeScanned, payCodeScanned, unrecognizedCodeScanned
    case printerChecked, documentPrinted, printFailed, receiptTaken
    case personResolved, personLookupFailed, enrollmentLoaded, enrollmentLookupFailed, historyLoaded, historyLoadFailed
    case paymentSubmitted, paymentSubmissionFailed, paymentQueried, paymentKeyVoided, paymentQueryFailed
    case paymentReversed, paymentReversalFailed, receiptFetched, receiptFetchFailed
    case paymentIntentJournaled, paymentIntentJournalFailed
    case terminalAnswered, terminalFailed, terminalStatusFound, terminalStatusFailed, terminalReversed, terminalReversalFailed
    case paymentMethodAvailability
    case manualEntryChosen, identityTyped, tierChosen, paymentConfirmed, registrationConfirmed, payForOtherChosen
    case relativeChosen, historyRequested, reprintRequested, methodChosen, continueWithoutReceiptChosen, retryChosen
    case backTapped, cancelTapped, continueTapped, doneTapped, residentActive
    case idleTimer, countdownTimer, payCodeTimer, qrTimer, pollTimer, takeReceiptTimer, dwellTimer
    case serviceDegraded, serviceRestored, maintenanceRequested, maintenanceEnded, shutdownRequested, journalWriteFailed, journalCannotCommit

    /// Timers fire with the generation the machine started them with, or a stale one when none runs.
    func event(for machine: SessionStateMachine) -> SessionEvent {
        func timer(_ kind: TimerKind) -> SessionEvent { .timerFired(kind, generation: machine.runningTimers[kind] ?? 9_999) }
        switch self {
        case .cardInserted: return .cardInserted(.idCard)
        case .cardRemoved: return .cardRemoved(.idCard)
        case .cardRead: return .cardRead(Sample.idCardClaim)
        case .cardReadFailed: return .cardReadFailed(SessionProblem(.cardUnreadable))
        case .esscCodeScanned: return .esscCodeScanned("essc-demo-zhang-jianguo")
        case .payCodeScanned: return .payCodeScanned(Sample.payCode, at: .zero)
        case .unrecognizedCodeScanned: return .unrecognizedCodeScanned
        case .printerChecked: return .printerChecked(.ready())
        case .documentPrinted: return .documentPrinted
        case .printFailed: return .printFailed(SessionProblem(.printerJammed))
        case .receiptTaken: return .receiptTaken
        case .personResolved: return .personResolved(Sample.payer)
        case .personLookupFailed: return .personLookupFailed(SessionProblem(.identityNotFound))
        case .enrollmentLoaded: return .enrollmentLoaded(Sample.enrollment())
        case .enrollmentLookupFailed: return .enrollmentLookupFailed(Sample.windowClosed)
        case .historyLoaded: return .historyLoaded([Sample.historyEntry])
        case .historyLoadFailed: return .historyLoadFailed(Sample.timeout)
        case .paymentSubmitted: return .paymentSubmitted(Sample.snapshot(.succeeded))
        case .paymentSubmissionFailed: return .paymentSubmissionFailed(SessionProblem(.paymentAmountMismatch))
        case .paymentQueried: return .paymentQueried(Sample.snapshot(.succeeded))
        case .paymentKeyVoided: return .paymentKeyVoided
        case .paymentQueryFailed: return .paymentQueryFailed(Sample.timeout)
        case .paymentReversed: return .paymentReversed(Sample.snapshot(.reversed))
        case .paymentReversalFailed: return .paymentReversalFailed(Sample.timeout)
        case .receiptFetched: return .receiptFetched(Sample.receipt())
        case .receiptFetchFailed: return .receiptFetchFailed(Sample.timeout)
        case .paymentIntentJournaled: return .paymentIntentJournaled(idempotencyKey: Sample.key)
        case .paymentIntentJournalFailed: return .paymentIntentJournalFailed(SessionProblem(.journalUnavailable))
        case .terminalAnswered: return .terminalAnswered(.approved(Sample.approval))
        case .terminalFailed: return .terminalFailed(SessionProblem(.terminalNoAnswer, isUncertain: true))
        case .terminalStatusFound: return .terminalStatusFound(.finished(.approved(Sample.approval)))
        case .terminalStatusFailed: return .terminalStatusFailed(SessionProblem(.terminalNoAnswer, isUncertain: true))
        case .terminalReversed: return .terminalReversed(.reversed)
        case .terminalReversalFailed: return .terminalReversalFailed(SessionProblem(.terminalNoAnswer, isUncertain: true))
        case .paymentMethodAvailability: return .paymentMethodAvailability(.card, available: false)
        case .manualEntryChosen: return .manualEntryChosen
        case .identityTyped: return .identityTyped(name: "刘洋", idNumber: Sample.validIDNumber)
        case .tierChosen: return .tierChosen("tier2")
        case .paymentConfirmed: return .paymentConfirmed
        case .registrationConfirmed: return .registrationConfirmed
        case .payForOtherChosen: return .payForOtherChosen
        case .relativeChosen: return .relativeChosen(personRef: Sample.relative.personRef)
        case .historyRequested: return .historyRequested
        case .reprintRequested: return .reprintRequested(paymentID: Sample.paidPaymentID)
        case .methodChosen: return .methodChosen(.payCode)
        case .continueWithoutReceiptChosen: return .continueWithoutReceiptChosen
        case .retryChosen: return .retryChosen
        case .backTapped: return .backTapped
        case .cancelTapped: return .cancelTapped
        case .continueTapped: return .continueTapped
        case .doneTapped: return .doneTapped
        case .residentActive: return .residentActive
        case .idleTimer: return timer(.idle)
        case .countdownTimer: return timer(.countdown)
        case .payCodeTimer: return timer(.payCode)
        case .qrTimer: return timer(.qr)
        case .pollTimer: return timer(.poll)
        case .takeReceiptTimer: return timer(.takeReceipt)
        case .dwellTimer: return timer(.dwell)
        case .serviceDegraded: return .serviceDegraded(.serviceUnavailable)
        case .serviceRestored: return .serviceRestored(machine.outage ?? .serviceUnavailable)
        case .journalWriteFailed: return .journalWriteFailed(.journalUnavailable)
        case .journalCannotCommit: return .journalCannotCommit
        case .maintenanceRequested: return .maintenanceRequested
        case .maintenanceEnded: return .maintenanceEnded
        case .shutdownRequested: return .shutdownRequested
        }
    }
}
