import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore
import NIOPosix
import NIOSSL
import OpenAPIRuntime

/// Turns whatever the HTTP stack threw into the kiosk's typed backend errors.
enum BackendErrorMapping {
    enum Kind: Equatable {
        case unreachable, tls, timeout, malformed, oversized, cancelled
    }

    static func kind(of error: any Error) -> Kind {
        if let client = error as? ClientError { return kind(of: client.underlyingError) }
        switch error {
        case is ResponseLimitMiddleware.Oversized: return .oversized
        case is DeadlineMiddleware.Expired: return .timeout
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: return .tls
        case is CancellationError: return .cancelled
        case is DecodingError: return .malformed
        case is NIOConnectionError, is SocketAddressError, is IOError, is ChannelError: return .unreachable
        default: break
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout, .socksHandshakeTimeout: return .unreachable
            case .deadlineExceeded, .readTimeout, .writeTimeout: return .timeout
            case .cancelled: return .cancelled
            case .remoteConnectionClosed: return .unreachable
            default: return .malformed
            }
        }
        return .malformed
    }

    static func map(_ error: any Error, operation: String, settings: BackendClientSettings) -> KioskError {
        if let kioskError = error as? KioskError { return kioskError }
        let underlying = (error as? ClientError)?.underlyingError ?? error
        switch kind(of: error) {
        case .unreachable:
            return KioskError(.backendUnreachable, "\(operation): cannot reach the backend at \(settings.url)", cause: SendableDescription(underlying))
        case .tls:
            return KioskError(.backendTLS, "\(operation): TLS with \(settings.url) failed (certificate not trusted, expired, or ours refused)", cause: SendableDescription(underlying))
        case .timeout:
            return KioskError(.backendTimeout, "\(operation): no complete answer within \(settings.requestTimeout)", cause: SendableDescription(underlying))
        case .oversized:
            return KioskError(.backendOversized, "\(operation): answer larger than \(settings.maximumResponseBytes) bytes", cause: SendableDescription(underlying))
        case .cancelled:
            return KioskError(.backendTimeout, "\(operation): cancelled", cause: SendableDescription(underlying))
        case .malformed:
            return KioskError(.backendMalformed, "\(operation): the answer does not follow the contract", cause: SendableDescription(underlying))
        }
    }

    /// A documented problem answer.
    static func rejected(_ problem: Components.Schemas.Problem, status: Int, operation: String) -> KioskError {
        let cause = BackendProblem(status: status, problem)
        return KioskError(status >= 500 ? .backendServerError : .backendRejected, "\(operation): \(cause)", cause: cause)
    }

    static func undocumented(status: Int, operation: String) -> KioskError {
        if status >= 500 { return KioskError(.backendServerError, "\(operation): HTTP \(status) without a problem body") }
        if status >= 400 { return KioskError(.backendRejected, "\(operation): HTTP \(status) without a problem body") }
        return KioskError(.backendMalformed, "\(operation): unexpected HTTP \(status)")
    }
}

/// An error's description, carried as a Sendable cause.
struct SendableDescription: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ error: any Error) { description = String(describing: error) }
}
