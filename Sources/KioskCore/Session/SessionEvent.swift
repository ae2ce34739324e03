/// Something that happened: a device, the backend, the journal, a timer, the resident or the daemon.
public enum SessionEvent: Sendable, Hashable {
    // Devices
    case cardInserted(CardKind)
    case cardRemoved(CardKind)
    case cardRead(IdentityClaim)
    case cardReadFailed(SessionProblem)
    case esscCodeScanned(String)
    /// `at`: the time on the kiosk's clock, for the replay guard (the same code is used once within its validity).
    case payCodeScanned(PayCode, at: Duration)
    /// A scan that is neither a pay code nor an e-SSC code (never its content).
    case unrecognizedCodeScanned
    case printerChecked(PrinterReadiness)
    case documentPrinted
    case printFailed(SessionProblem)
    case receiptTaken

    // Backend
    case personResolved(Person)
    case personLookupFailed(SessionProblem)
    case enrollmentLoaded(Enrollment)
    case enrollmentLookupFailed(SessionProblem)
    case historyLoaded([PaymentHistoryEntry])
    case historyLoadFailed(SessionProblem)
    case paymentSubmitted(PaymentSnapshot)
    case paymentSubmissionFailed(SessionProblem)
    case paymentQueried(PaymentSnapshot)
    /// The backend fenced the idempotency key: no payment was made under it, and none ever will be.
    case paymentKeyVoided
    case paymentQueryFailed(SessionProblem)
    case paymentReversed(PaymentSnapshot)
    case paymentReversalFailed(SessionProblem)
    case receiptFetched(ElectronicReceipt)
    case receiptFetchFailed(SessionProblem)

    // Payment terminal
    case terminalAnswered(TerminalOutcome)
    /// The payment's answer did not come (`problem.code` says whether anything may have been charged).
    case terminalFailed(SessionProblem)
    case terminalStatusFound(TerminalStatus)
    case terminalStatusFailed(SessionProblem)
    case terminalReversed(TerminalReversal)
    case terminalReversalFailed(SessionProblem)

    // Journal
    case paymentIntentJournaled(idempotencyKey: String)
    case paymentIntentJournalFailed(SessionProblem)

    // Resident (touch screen)
    case manualEntryChosen
    case identityTyped(name: String, idNumber: String)
    case tierChosen(String)
    case paymentConfirmed
    case registrationConfirmed
    case payForOtherChosen
    case relativeChosen(personRef: String)
    case historyRequested
    case reprintRequested(paymentID: String)
    case methodChosen(PaymentMethod)
    case continueWithoutReceiptChosen
    case retryChosen
    case backTapped
    case cancelTapped
    case continueTapped
    case doneTapped
    /// The resident is using the screen without finishing a step (typing a name or number): the
    /// screen's idle timer starts again, so a slow typist is not asked "still there?".
    case residentActive

    // Timers and the daemon
    case timerFired(TimerKind, generation: Int)
    /// One reason for being out of service began (backend down, journal unsettled, a critical device).
    case serviceDegraded(KioskError.Code)
    /// A payment method's device came or went (the card terminal unreachable): not offered while it is away.
    case paymentMethodAvailability(PaymentMethod, available: Bool)
    /// That reason ended; the kiosk returns to service only when no other reason holds.
    case serviceRestored(KioskError.Code)
    /// Before any money moves: the journal could not take the payment (its disk is full).
    case journalCannotCommit
    /// A journal write after the intent failed: the entry is not where the payment is, so it must be reconciled.
    case journalWriteFailed(KioskError.Code)
    case maintenanceRequested
    case maintenanceEnded
    case shutdownRequested
}
