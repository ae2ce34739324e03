/// Metadata keys of the reconciliation's log lines: key prefixes, payment ids and codes only.
enum ReconciliationLogKey {
    static let key = "payment_key"
    static let paymentID = "payment_id"
    static let status = "payment_status"
    static let errorCode = "error_code"
    static let examined = "examined"
    static let stillUnresolved = "still_unresolved"
    static let receiptsOwed = "receipts_owed"
    static let purged = "purged"
    static let retryIn = "retry_in"
}
