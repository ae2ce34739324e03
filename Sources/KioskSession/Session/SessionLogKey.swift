/// Metadata keys of KioskSession's log lines (session and reconciliation): names, codes, payment ids
/// and short key prefixes only, never personal data.
enum SessionLogKey {
    static let state = "session_state"
    static let event = "session_event"
    static let action = "session_action"
    static let errorCode = "error_code"
    static let paymentKey = "payment_key"
    static let endReason = "end_reason"
    static let paymentID = "payment_id"
    static let paymentStatus = "payment_status"
    static let examined = "examined"
    static let stillUnresolved = "still_unresolved"
    static let receiptsOwed = "receipts_owed"
    static let purged = "purged"
    static let retryIn = "retry_in"
    /// Field names only (amount, person, year, tier), never their values.
    static let differences = "differences"
    static let freeBytes = "free_bytes"
}
