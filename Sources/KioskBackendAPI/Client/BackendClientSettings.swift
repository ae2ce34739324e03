import KioskConfig
import KioskCore

/// Where the backend is and how carefully to talk to it.
public struct BackendClientSettings: Sendable {
    public var url: String
    /// PEM files; all three are required for https://. Plain http:// (loopback sandbox only) uses none.
    public var caFile: String?
    public var clientCertificate: String?
    public var clientKey: String?
    public var connectTimeout: Duration
    /// The whole call, from sending the request to the last byte of the answer.
    public var requestTimeout: Duration
    public var maximumResponseBytes: Int
    /// Attempts for calls that may be repeated (safe or carrying an Idempotency-Key), first one included.
    public var maximumAttempts: Int
    public var retryBaseDelay: Duration

    public init(
        url: String, caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil,
        connectTimeout: Duration = .seconds(3), requestTimeout: Duration = .seconds(10),
        maximumResponseBytes: Int = 1 << 20, maximumAttempts: Int = 3, retryBaseDelay: Duration = .milliseconds(200)
    ) {
        self.url = url
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.maximumAttempts = maximumAttempts
        self.retryBaseDelay = retryBaseDelay
    }

    public init(_ backend: KioskConfiguration.Backend) {
        let secure = backend.url.hasPrefix("https://")
        self.init(
            url: backend.url,
            caFile: secure ? backend.caFile : nil,
            clientCertificate: secure ? backend.clientCertificate : nil,
            clientKey: secure ? backend.clientKey : nil,
            connectTimeout: .milliseconds(backend.connectTimeoutMilliseconds),
            requestTimeout: .milliseconds(backend.requestTimeoutMilliseconds)
        )
    }
}
