import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Repeats a call that failed on the way (no connection, 502/503/504) when repeating it is harmless:
/// safe methods, PUT, the read-only identity lookup, the key fence, and calls carrying an Idempotency-Key.
struct RetryMiddleware: ClientMiddleware {
    let maximumAttempts: Int
    let baseDelay: Duration
    /// The pauses between attempts run on it.
    let clock: any Clock<Duration>
    // The fence is idempotent by definition: asking again gives the same outcome.
    static let safeOperations: Set<String> = ["resolveIdentity", "voidPaymentByIdempotencyKey"]
    static let retryableStatuses: Set<Int> = [502, 503, 504]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let repeatable = [.get, .head, .put].contains(request.method)
            || HTTPField.Name("Idempotency-Key").flatMap { request.headerFields[$0] } != nil
            || Self.safeOperations.contains(operationID)
        let bodyReplayable = body.map { $0.iterationBehavior == .multiple } ?? true
        let attempts = repeatable && bodyReplayable ? max(1, maximumAttempts) : 1
        var attempt = 1
        while true {
            do {
                let (response, responseBody) = try await next(request, body, baseURL)
                if attempt < attempts, Self.retryableStatuses.contains(response.status.code) {
                    attempt += 1
                    try await backOff(attempt)
                    continue
                }
                return (response, responseBody)
            } catch {
                guard attempt < attempts, Self.isTransient(error) else { throw error }
                attempt += 1
                try await backOff(attempt)
            }
        }
    }

    /// Exponential, with jitter so a fleet does not retry in step.
    private func backOff(_ attempt: Int) async throws {
        let delay = baseDelay * (1 << (attempt - 2))
        let jitter = delay * Double.random(in: 0...0.25)
        try await clock.sleep(for: delay + jitter)
    }

    /// Connection-level failures; timeouts of a call that may have reached the backend are left to the caller.
    static func isTransient(_ error: any Error) -> Bool {
        BackendErrorMapping.kind(of: error) == .unreachable
    }
}
