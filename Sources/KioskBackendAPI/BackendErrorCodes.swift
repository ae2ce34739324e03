import KioskCore

extension KioskError.Code {
    /// No connection could be made (DNS, refused, network down).
    public static let backendUnreachable = Self("backend.unreachable")
    /// The TLS handshake failed: certificate not trusted, expired, wrong host, or our certificate refused.
    public static let backendTLS = Self("backend.tls")
    public static let backendTimeout = Self("backend.timeout")
    /// A 4xx answer; the backend's own problem code is in the message and `BackendProblem`.
    public static let backendRejected = Self("backend.rejected")
    public static let backendServerError = Self("backend.server_error")
    /// The answer did not match the contract (status, content type or body).
    public static let backendMalformed = Self("backend.malformed")
    public static let backendOversized = Self("backend.oversized")
    /// The client's TLS material (CA, certificate, key) cannot be loaded.
    public static let backendCredentials = Self("backend.credentials")
}
