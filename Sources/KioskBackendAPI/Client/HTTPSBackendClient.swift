import AsyncHTTPClient
import Foundation
import KioskCore
import Metrics
import NIOCore
import NIOSSL
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// The kiosk's backend client: HTTPS with the kiosk's client certificate, per-call timeouts,
/// retries only where repeating is harmless, and a typed `KioskError` for every failure.
public final class HTTPSBackendClient: BackendClient {
    public let settings: BackendClientSettings
    let httpClient: HTTPClient
    let client: Client

    /// `clock` measures each call's whole deadline (`settings.requestTimeout`), the pauses between its
    /// attempts and its duration for the metrics, which go to `metrics` (nil: the process's `MetricsSystem`).
    public init(settings: BackendClientSettings, clock: any Clock<Duration> = ContinuousClock(), metrics: (any MetricsFactory)? = nil) throws(KioskError) {
        guard let url = URL(string: settings.url), let scheme = url.scheme, ["https", "http"].contains(scheme) else {
            throw KioskError(.backendCredentials, "backend.url \"\(settings.url)\" is not an http(s) URL")
        }
        self.settings = settings
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: scheme == "https" ? try Self.tlsConfiguration(settings) : nil,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(Self.nanoseconds(settings.connectTimeout)), read: .nanoseconds(Self.nanoseconds(settings.requestTimeout)))
        )
        configuration.httpVersion = .http1Only
        // A refused connection fails the call at once (RetryMiddleware decides about retrying), instead of
        // the pool retrying until the deadline and reporting a timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let transport = AsyncHTTPClientTransport(configuration: .init(client: httpClient, timeout: .nanoseconds(Self.nanoseconds(settings.requestTimeout))))
        client = Client(
            serverURL: url, transport: transport,
            middlewares: [
                RequestMetricsMiddleware(clock: clock, factory: metrics),
                RetryMiddleware(maximumAttempts: settings.maximumAttempts, baseDelay: settings.retryBaseDelay, clock: clock),
                DeadlineMiddleware(timeout: settings.requestTimeout, clock: clock),
                ResponseLimitMiddleware(maximumBytes: settings.maximumResponseBytes),
            ]
        )
    }

    public func shutdown() async {
        try? await httpClient.shutdown()
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    /// The kiosk's TLS settings (mutual TLS, trusted CA from the settings); public for the benchmark's raw client.
    public static func tlsConfiguration(_ settings: BackendClientSettings) throws(KioskError) -> TLSConfiguration {
        guard let caFile = settings.caFile, let certificateFile = settings.clientCertificate, let keyFile = settings.clientKey else {
            throw KioskError(.backendCredentials, "https:// needs backend.ca_file, backend.client_certificate and backend.client_key")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        do {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        } catch {
            throw KioskError(.backendCredentials, "backend.ca_file \(caFile): not a readable PEM certificate bundle", cause: SendableDescription(error))
        }
        do {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { .certificate($0) }
        } catch {
            throw KioskError(.backendCredentials, "backend.client_certificate \(certificateFile): not a readable PEM certificate", cause: SendableDescription(error))
        }
        do {
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
        } catch {
            throw KioskError(.backendCredentials, "backend.client_key \(keyFile): not a readable PEM private key", cause: SendableDescription(error))
        }
        return tls
    }

    /// Runs one call, turning thrown errors into `KioskError`s.
    func call<Output>(_ operation: String, _ body: () async throws -> Output) async throws(KioskError) -> Output {
        do {
            return try await body()
        } catch {
            throw BackendErrorMapping.map(error, operation: operation, settings: settings)
        }
    }
}
