import Foundation
import HTTPTypes
import Metrics
import OpenAPIRuntime

/// Times every backend call as `kiosk_backend_request_duration_seconds{operation}`, where the
/// operation is the contract's `operationId` in snake case (`createPayment` → `create_payment`).
/// Outermost, so one call is one sample however many attempts `RetryMiddleware` makes, and the
/// whole body is in (`ResponseLimitMiddleware` reads it) before the time is taken.
struct RequestMetricsMiddleware: ClientMiddleware {
    let clock: any Clock<Duration>
    /// Where the samples go; nil: the process's `MetricsSystem` (kioskd bootstraps Prometheus).
    let factory: (any MetricsFactory)?

    static let label = "kiosk_backend_request_duration_seconds"

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var outcome: Result<(HTTPResponse, HTTPBody?), any Error> = .failure(CancellationError())
        let elapsed = try await clock.measure {
            do {
                outcome = .success(try await next(request, body, baseURL))
            } catch {
                outcome = .failure(error)
            }
        }
        let dimensions = [("operation", Self.metricName(operationID))]
        let timer = factory.map { Timer(label: Self.label, dimensions: dimensions, factory: $0) } ?? Timer(label: Self.label, dimensions: dimensions)
        timer.record(duration: elapsed)
        return try outcome.get()
    }

    /// `getPaymentByIdempotencyKey` → `get_payment_by_idempotency_key`.
    static func metricName(_ operationID: String) -> String {
        var name = ""
        for character in operationID {
            if character.isUppercase {
                if !name.isEmpty { name.append("_") }
                name.append(contentsOf: character.lowercased())
            } else {
                name.append(character)
            }
        }
        return name
    }
}
