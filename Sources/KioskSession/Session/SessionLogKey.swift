/// Metadata keys of the session's log lines: names, codes, masked or opaque values only.
enum SessionLogKey {
    static let state = "session_state"
    static let event = "session_event"
    static let action = "session_action"
    static let errorCode = "error_code"
    static let paymentKey = "payment_key"
    static let endReason = "end_reason"
}
