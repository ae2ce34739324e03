import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore
import NIOPosix
import NIOSSL

/// The driver's one network operation: a nexo message POSTed to the terminal's `/nexo` endpoint and
/// the terminal's answer. `HTTPSNexoTransport` is the real one; tests record or script it.
public protocol NexoTransport: Sendable {
    /// Throws `terminal.unreachable` or `terminal.tls` only when nothing reached the terminal;
    /// `terminal.no_answer` when the message may have reached it.
    func post(_ message: Data, timeout: Duration) async throws(KioskError) -> Data
    func shutdown() async
}

/// HTTPS to the terminal, as the Adyen Terminal API's local integration prescribes: POST
/// `https://<terminal>:8443/nexo`, TLS with the terminal's certificate checked against the
/// configured root and name (https://docs.adyen.com/point-of-sale/design-your-integration/choose-your-architecture/local/protect ).
/// The kiosk addresses the terminal by IP, so the connection goes to `address` while the handshake
/// verifies `certificateName` (and sends it as SNI).
public final class HTTPSNexoTransport: NexoTransport {
    private let client: HTTPClient
    private let url: String
    private let connectTimeout: Duration
    static let maximumAnswerBytes = 1_048_576

    public init(settings: NexoTerminalSettings) throws(KioskError) {
        let (host, port) = try Self.hostAndPort(settings.address)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        do {
            switch settings.trustRoot {
            case .file(let path): tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            case .pem(let text): tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(text.utf8)))
            }
        } catch {
            throw KioskError(.terminalCredentials, "cannot read the terminal's root certificate (\(settings.trustRoot)): \(error)")
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.dnsOverride = [settings.certificateName: host]
        configuration.timeout.connect = .nanoseconds(Self.nanoseconds(settings.connectTimeout))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 2
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        url = "https://\(settings.certificateName):\(port)/nexo"
        connectTimeout = settings.connectTimeout
    }

    public func post(_ message: Data, timeout: Duration) async throws(KioskError) -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        // A connection per message: a kept-alive connection the terminal closed meanwhile would turn
        // a payment that never left into an unknown outcome.
        request.headers.add(name: "Connection", value: "close")
        request.body = .bytes(ByteBuffer(bytes: message))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            body = try await response.body.collect(upTo: Self.maximumAnswerBytes)
        } catch {
            throw Self.map(error, timeout: timeout)
        }
        let data = Data(body.readableBytesView)
        guard response.status == .ok else {
            // The terminal refused the request before acting on it (Adyen: `{"errors": [...]}`).
            throw KioskError(.terminalRefused, "the terminal answered HTTP \(response.status.code): \(Self.errorText(data))")
        }
        return data
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Connection and handshake failures happen before the message is sent; anything later may
    /// have reached the terminal.
    static func map(_ error: any Error, timeout: Duration) -> KioskError {
        switch error {
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return KioskError(.terminalTLS, "TLS with the payment terminal failed (certificate not from the configured root, or not issued to the configured name): \(error)")
        case is NIOConnectionError, is SocketAddressError:
            return KioskError(.terminalUnreachable, "cannot connect to the payment terminal: \(error)")
        case let io as IOError where [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(io.errnoCode):
            // Only a connection attempt fails this way: nothing was sent.
            return KioskError(.terminalUnreachable, "cannot connect to the payment terminal: \(error)")
        default:
            break
        }
        if let http = error as? HTTPClientError, http == .connectTimeout {
            return KioskError(.terminalUnreachable, "the payment terminal did not accept a connection in time")
        }
        if let http = error as? HTTPClientError, http == .deadlineExceeded || http == .readTimeout {
            return KioskError(.terminalNoAnswer, "no answer from the payment terminal within \(timeout)")
        }
        return KioskError(.terminalNoAnswer, "the payment terminal's answer was lost: \(error)")
    }

    /// Adyen's error body: `{"errors": ["..."]}`, or the start of whatever came.
    static func errorText(_ data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let errors = object["errors"] as? [Any] {
            return errors.map { "\($0)" }.joined(separator: "; ")
        }
        return String(decoding: data.prefix(200), as: UTF8.self)
    }

    static func hostAndPort(_ address: String) throws(KioskError) -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port),
              !address[..<colon].isEmpty else {
            throw KioskError(.configInvalid, "terminal.address \"\(address)\" is not host:port (e.g. 192.168.1.20:8443)")
        }
        return (String(address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
