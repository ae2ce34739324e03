extension KioskError.Code {
    /// The journal file cannot be created, opened, read or written (the message names the path).
    public static let journalUnavailable = Self("journal.unavailable")
    /// An intent with this idempotency key is already journaled.
    public static let journalDuplicateIntent = Self("journal.duplicate_intent")
    /// No intent is journaled under this idempotency key.
    public static let journalUnknownIntent = Self("journal.unknown_intent")
    /// The entry cannot move to the state asked for (e.g. a resolved payment back to submitted).
    public static let journalIllegalTransition = Self("journal.illegal_transition")
    /// Payments from before a restart are not yet reconciled with the backend: no resident is taken until they are.
    public static let journalUnsettled = Self("journal.unsettled")
    /// The journal's disk is (nearly) full: no payment starts, the kiosk is out of service until space is freed.
    public static let journalFull = Self("journal.full")
}
