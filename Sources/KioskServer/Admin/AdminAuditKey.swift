/// Metadata keys of the `kioskd.audit` log lines. Values never carry a request body or personal data.
enum AdminAuditKey {
    /// The method and path, e.g. `POST /v1/maintenance`.
    static let action = "action"
    /// The HTTP status answered, e.g. `200`, `400`, `409`.
    static let outcome = "outcome"
    static let uid = "uid"
    static let gid = "gid"
    static let pid = "pid"
    static let durationMilliseconds = "duration_ms"
    /// Where an action not made over the admin socket came from, e.g. `resident screen` (the service menu).
    static let origin = "origin"
}
