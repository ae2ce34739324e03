import KioskCore

/// The journal's transition rules. Resolved states are final: a payment the journal has seen
/// succeed, fail, be reversed or expire, or never be created (abandoned), never moves again.
extension JournalPaymentState {
    /// `recordSubmitted`: the backend's payment id is recorded once, on an intent.
    var acceptsSubmission: Bool { self == .intended }

    /// `recordState`: an intent without a payment can only be abandoned (or, charged at the terminal,
    /// reversed there); a submitted payment reaches
    /// one of the backend's final outcomes. `intended` and `submitted` are never targets here.
    /// `cardApproved`: the terminal charged the card (the only way an intent without a backend
    /// payment can have moved money, and so be reversed).
    func accepts(_ next: JournalPaymentState, cardApproved: Bool = false) -> Bool {
        switch (self, next) {
        case (.intended, .abandoned): !cardApproved
        case (.intended, .reversed): cardApproved
        case (.submitted, .succeeded), (.submitted, .failed), (.submitted, .reversed), (.submitted, .expired): true
        default: false
        }
    }
}

extension JournalReceiptState {
    /// `recordReceipt`: `owed` is set by the journal when the payment succeeds; the only recorded
    /// move is owed → printed, once (exactly one receipt per succeeded payment).
    func accepts(_ next: JournalReceiptState) -> Bool {
        self == .owed && next == .printed
    }
}

extension KioskError {
    static func illegalTransition(key: String, _ what: String, from: String, to: String) -> KioskError {
        KioskError(.journalIllegalTransition, "journal entry \(JournalKey.short(key)): \(what) \(from) → \(to) is not allowed")
    }

    static func unknownIntent(_ key: String) -> KioskError {
        KioskError(.journalUnknownIntent, "no intent is journaled under key \(JournalKey.short(key))")
    }
}
