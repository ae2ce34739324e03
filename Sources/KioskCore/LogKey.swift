/// The metadata keys of kioskd's structured logs, for every module: names, codes, counts, payment
/// ids and short key prefixes only. Values never carry personal data (no ID number, name, pay code,
/// card bytes or scanned content).
public enum LogKey {
    // The daemon and its configuration.
    public static let errno = "errno"
    public static let configPath = "config_path"
    public static let configVersion = "config_version"
    public static let previousConfigVersion = "previous_config_version"
    public static let configSource = "config_source"
    public static let configReloads = "config_reloads"
    public static let problemCount = "problems"
    public static let socket = "socket"
    public static let mode = "mode"
    public static let version = "version"
    public static let signal = "signal"
    public static let backendURL = "backend_url"
    public static let sandboxToday = "sandbox_today"
    public static let uiAddress = "ui_address"
    public static let reason = "reason"
    public static let errorCode = "error_code"
    public static let error = "error"
    public static let failpoint = "failpoint"
    /// Resident screen (page) connections open now.
    public static let screenConnections = "screen_connections"

    // The resident session, the journal and reconciliation.
    public static let sessionState = "session_state"
    public static let sessionEvent = "session_event"
    public static let sessionAction = "session_action"
    public static let paymentKey = "payment_key"
    public static let endReason = "end_reason"
    public static let paymentID = "payment_id"
    public static let paymentStatus = "payment_status"
    public static let examined = "examined"
    public static let stillUnresolved = "still_unresolved"
    public static let receiptsOwed = "receipts_owed"
    public static let purged = "purged"
    public static let retryIn = "retry_in"
    /// Field names only (amount, person, year, tier), never their values.
    public static let differences = "differences"
    public static let freeBytes = "free_bytes"

    // Devices.
    public static let reader = "reader"
    public static let device = "device"
    public static let kind = "kind"
    public static let detail = "detail"

    // The admin API's audit lines (`kioskd.audit`): never a request body.
    /// The method and path, e.g. `POST /v1/maintenance`.
    public static let action = "action"
    /// The HTTP status answered, e.g. `200`, `400`, `409`.
    public static let outcome = "outcome"
    public static let uid = "uid"
    public static let gid = "gid"
    public static let pid = "pid"
    public static let durationMilliseconds = "duration_ms"
    /// Where an action not made over the admin socket came from, e.g. `resident screen` (the service menu).
    public static let origin = "origin"
    public static let terminalPOIID = "terminal_poi_id"
    public static let port = "port"
    public static let terminalStatus = "terminal_status"
    public static let count = "count"
    public static let amountFen = "amount_fen"
}
