import KioskCore

/// The specification the exhaustive test checks: for each state, the events it accepts, the state
/// they lead to and the actions they produce. Every pair not listed must be ignored.
enum TransitionTable {
    struct Expected: Sendable {
        let next: SessionState.Kind
        let actions: [String]
    }

    typealias Rows = [EventKind: Expected]

    static func go(_ next: SessionState.Kind, _ actions: String...) -> Expected { Expected(next: next, actions: actions) }

    /// A screen waiting for the resident under the idle timer: cancel ends, a timeout asks "still there?".
    static let residentScreen: Rows = [
        .cancelTapped: go(.attract, "-idle", "end(cancelled)"),
        .idleTimer: go(.stillThere, "+countdown"),
        .shutdownRequested: go(.stopped, "-idle", "end(shutdown)"),
    ]

    /// Waiting for a device or the backend, no money involved: cancel ends, no timer.
    static let cancellableWait: Rows = [
        .cancelTapped: go(.attract, "end(cancelled)"),
        .shutdownRequested: go(.stopped, "end(shutdown)"),
    ]

    /// Waiting with nothing the resident can cancel (money or a receipt is on its way).
    static let committedWait: Rows = [.shutdownRequested: go(.stopped, "end(shutdown)")]

    /// Stopping while money is in flight leaves the payment to reconciliation, asked for at once.
    static let stopsWithMoneyInFlight: Rows = [.shutdownRequested: go(.stopped, "end(shutdown)", "reconcilePayments")]

    /// Attract, finished and failed hold no data and start a new session.
    static func idle(timers: [String]) -> Rows {
        let cancel = timers.map { "-\($0)" }
        return [
            .cardInserted: Expected(next: .readingCard, actions: cancel + ["readCard"]),
            .esscCodeScanned: Expected(next: .lookingUpPerson, actions: cancel + ["resolveIdentity"]),
            .manualEntryChosen: Expected(next: .typingIdentity, actions: cancel + ["+idle"]),
            .serviceDegraded: Expected(next: .outOfService, actions: cancel),
            .maintenanceRequested: Expected(next: .maintenance, actions: cancel),
            .shutdownRequested: Expected(next: .stopped, actions: cancel),
        ]
    }

    static let afterSession: Rows = idle(timers: ["idle"]).merging([
        .doneTapped: go(.attract, "-idle"),
        .idleTimer: go(.attract),
    ]) { $1 }

    static let enrollmentOptions: Rows = [
        .historyRequested: go(.loadingHistory, "-idle", "loadPaymentHistory"),
        .payForOtherChosen: go(.choosingBeneficiary, "-idle", "+idle"),
    ]

    static func rows(_ parts: Rows...) -> Rows {
        parts.reduce(into: Rows()) { result, part in result.merge(part) { $1 } }
    }

    static let table: [SessionState.Kind: Rows] = [
        .attract: idle(timers: []),
        .readingCard: rows(cancellableWait, [
            .cardRead: go(.lookingUpPerson, "resolveIdentity"),
            .cardReadFailed: go(.attract, "end(failed)"),
            .cardRemoved: go(.attract, "end(cardRemoved)"),
        ]),
        .typingIdentity: rows(residentScreen, [
            .identityTyped: go(.lookingUpPerson, "-idle", "resolveIdentity"),
            .cardInserted: go(.readingCard, "-idle", "readCard"),
            .esscCodeScanned: go(.lookingUpPerson, "-idle", "resolveIdentity"),
            .backTapped: go(.attract, "-idle", "end(cancelled)"),
        ]),
        .lookingUpPerson: rows(cancellableWait, [
            .personResolved: go(.lookingUpEnrollment, "loadEnrollment"),
            .personLookupFailed: go(.failed, "+idle", "end(failed)"),
            .dwellTimer: go(.failed, "+idle", "end(failed)"),
        ]),
        .lookingUpEnrollment: rows(cancellableWait, [
            .enrollmentLoaded: go(.showingEnrollment, "+idle"),
            .enrollmentLookupFailed: go(.unavailable, "+idle"),
            .dwellTimer: go(.failed, "+idle", "end(failed)"),
        ]),
        .showingEnrollment: rows(residentScreen, enrollmentOptions, [
            .tierChosen: go(.showingEnrollment, "-idle", "+idle"),
            .paymentConfirmed: go(.choosingMethod, "-idle", "+idle"),
        ]),
        .confirmingRegistration: rows(residentScreen, enrollmentOptions, [
            .registrationConfirmed: go(.printing, "-idle", "printDocument(registrationSlip)"),
        ]),
        .alreadyPaid: rows(residentScreen, enrollmentOptions, [
            .reprintRequested: go(.fetchingReceipt, "-idle", "fetchReceipt"),
            .doneTapped: go(.attract, "-idle", "end(completed)"),
        ]),
        .unavailable: rows(residentScreen, enrollmentOptions, [
            .doneTapped: go(.attract, "-idle", "end(completed)"),
        ]),
        .choosingBeneficiary: rows(residentScreen, [
            .relativeChosen: go(.lookingUpEnrollment, "-idle", "loadEnrollment"),
            .identityTyped: go(.lookingUpPerson, "-idle", "resolveIdentity"),
            .backTapped: go(.lookingUpEnrollment, "-idle", "loadEnrollment"),
        ]),
        .loadingHistory: rows(cancellableWait, [
            .historyLoaded: go(.showingHistory, "+idle"),
            .historyLoadFailed: go(.showingEnrollment, "+idle"),
            .dwellTimer: go(.showingEnrollment, "+idle"),
        ]),
        .showingHistory: rows(residentScreen, [
            .reprintRequested: go(.fetchingReceipt, "-idle", "fetchReceipt"),
            .backTapped: go(.showingEnrollment, "-idle", "+idle"),
        ]),
        .choosingMethod: rows(residentScreen, [
            .methodChosen: go(.checkingPrinter, "-idle", "checkPrinter"),
            .paymentMethodAvailability: go(.choosingMethod, "-idle", "+idle"),
            .backTapped: go(.showingEnrollment, "-idle", "+idle"),
        ]),
        .checkingPrinter: rows(cancellableWait, [
            .printerChecked: go(.awaitingPayCode, "+payCode"),
            .journalCannotCommit: go(.failed, "+idle", "end(failed)"),
        ]),
        .printerUnavailable: rows(residentScreen, [
            .continueWithoutReceiptChosen: go(.awaitingPayCode, "-idle", "+payCode"),
            .backTapped: go(.choosingMethod, "-idle", "+idle"),
        ]),
        .awaitingPayCode: [
            .payCodeScanned: go(.journalingIntent, "-payCode", "journalPaymentIntent"),
            .unrecognizedCodeScanned: go(.awaitingPayCode),
            .esscCodeScanned: go(.awaitingPayCode),
            .backTapped: go(.choosingMethod, "-payCode", "+idle"),
            .cancelTapped: go(.attract, "-payCode", "end(cancelled)"),
            .payCodeTimer: go(.stillThere, "+countdown"),
            .shutdownRequested: go(.stopped, "-payCode", "end(shutdown)"),
        ],
        .journalingIntent: rows(committedWait, [
            .paymentIntentJournaled: go(.submitting, "submitPayment"),
            .paymentIntentJournalFailed: go(.failed, "+idle", "end(failed)"),
            .dwellTimer: go(.failed, "+idle", "end(failed)", "reconcilePayments"),
        ]),
        .submitting: rows(stopsWithMoneyInFlight, [
            .paymentSubmitted: go(.fetchingReceipt, "journalSubmission", "journalPaymentState(succeeded)", "fetchReceipt"),
            .paymentSubmissionFailed: go(.failed, "journalPaymentState(abandoned)", "+idle", "end(failed)"),
            .dwellTimer: go(.failed, "+idle", "end(failed)", "reconcilePayments"),
        ]),
        .resolvingSubmission: [
            .pollTimer: go(.resolvingSubmission, "fencePaymentKey"),
            .paymentQueried: go(.fetchingReceipt, "journalSubmission", "journalPaymentState(succeeded)", "-poll", "fetchReceipt"),
            .paymentKeyVoided: go(.failed, "journalPaymentState(abandoned)", "-poll", "+idle", "end(failed)"),
            .paymentQueryFailed: go(.resolvingSubmission, "-poll", "+poll"),
            .dwellTimer: go(.failed, "-poll", "+idle", "end(failed)", "reconcilePayments"),
            .shutdownRequested: go(.stopped, "-poll", "end(shutdown)", "reconcilePayments"),
        ],
        .awaitingPayer: [
            .pollTimer: go(.awaitingPayer, "queryPayment"),
            .paymentQueried: go(.fetchingReceipt, "journalPaymentState(succeeded)", "-poll", "fetchReceipt"),
            .paymentQueryFailed: go(.awaitingPayer, "-poll", "+poll"),
            .dwellTimer: go(.failed, "-poll", "+idle", "end(failed)", "reconcilePayments"),
            .cancelTapped: go(.reversing, "-poll", "reversePayment"),
            .shutdownRequested: go(.stopped, "-poll", "end(shutdown)", "reconcilePayments"),
        ],
        .showingQR: [
            .pollTimer: go(.showingQR, "queryPayment"),
            .qrTimer: go(.reversing, "-poll", "reversePayment"),
            .paymentQueried: go(.fetchingReceipt, "journalPaymentState(succeeded)", "-qr", "-poll", "fetchReceipt"),
            .paymentQueryFailed: go(.showingQR, "-poll", "+poll"),
            .cancelTapped: go(.reversing, "-qr", "-poll", "reversePayment"),
            .shutdownRequested: go(.stopped, "-qr", "-poll", "end(shutdown)", "reconcilePayments"),
        ],
        .reversing: rows(stopsWithMoneyInFlight, [
            .paymentReversed: go(.attract, "journalPaymentState(reversed)", "end(cancelled)"),
            .paymentQueried: go(.fetchingReceipt, "journalPaymentState(succeeded)", "fetchReceipt"),
            .paymentReversalFailed: go(.reversing, "+poll"),
            .paymentQueryFailed: go(.reversing, "+poll"),
            .dwellTimer: go(.failed, "+idle", "end(failed)", "reconcilePayments"),
        ]),
        .atTerminal: rows(stopsWithMoneyInFlight, [
            .terminalAnswered: go(.submitting, "journalCardApproval", "submitPayment"),
            .terminalFailed: go(.resolvingTerminal, "+poll", "queryTerminal"),
            .cancelTapped: go(.atTerminal, "abortAtTerminal"),
        ]),
        .resolvingTerminal: [
            .pollTimer: go(.resolvingTerminal, "queryTerminal"),
            .terminalStatusFound: go(.submitting, "journalCardApproval", "-poll", "submitPayment"),
            .terminalStatusFailed: go(.resolvingTerminal, "-poll", "+poll"),
            .cancelTapped: go(.resolvingTerminal),
            .shutdownRequested: go(.stopped, "-poll", "end(shutdown)", "reconcilePayments"),
        ],
        .reversingAtTerminal: rows(stopsWithMoneyInFlight, [
            .terminalReversed: go(.attract, "journalPaymentState(reversed)", "end(cancelled)"),
            .terminalReversalFailed: go(.reversingAtTerminal, "+poll"),
        ]),
        .paymentFailed: rows(residentScreen, [
            .retryChosen: go(.choosingMethod, "-idle", "+idle"),
            .doneTapped: go(.attract, "-idle", "end(cancelled)"),
        ]),
        .fetchingReceipt: rows(committedWait, [
            .receiptFetched: go(.printing, "printDocument(electronicReceipt)"),
            .receiptFetchFailed: go(.finished, "+idle", "end(completed)"),
            .dwellTimer: go(.finished, "+idle", "end(completed)"),
        ]),
        .printing: rows(committedWait, [
            .documentPrinted: go(.takingReceipt, "journalReceipt(printed)", "+takeReceipt", "end(completed)"),
            .printFailed: go(.finished, "+idle", "end(completed)"),
        ]),
        .takingReceipt: [
            .receiptTaken: go(.finished, "-takeReceipt", "+idle"),
            .doneTapped: go(.finished, "-takeReceipt", "+idle"),
            .takeReceiptTimer: go(.attract),
            .shutdownRequested: go(.stopped, "-takeReceipt", "end(shutdown)"),
        ],
        .stillThere: [
            .continueTapped: go(.showingEnrollment, "-countdown", "+idle"),
            .cancelTapped: go(.attract, "-countdown", "end(cancelled)"),
            .countdownTimer: go(.attract, "end(timedOut)"),
            .shutdownRequested: go(.stopped, "-countdown", "end(shutdown)"),
        ],
        .finished: afterSession,
        .failed: afterSession,
        .outOfService: [
            .serviceDegraded: go(.outOfService),
            .serviceRestored: go(.attract),
            .maintenanceRequested: go(.maintenance),
            .shutdownRequested: go(.stopped),
        ],
        .maintenance: [
            .maintenanceEnded: go(.attract),
            .shutdownRequested: go(.stopped),
        ],
        .stopped: [:],
    ]
}
