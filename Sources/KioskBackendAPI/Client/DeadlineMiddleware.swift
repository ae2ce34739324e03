import Foundation
import HTTPTypes
import OpenAPIRuntime

/// One deadline for each attempt of a call: the request, the response head and every byte of the
/// body. AsyncHTTPClient's own deadline ends once the response head has arrived, and its read
/// timeout is per read, so a backend that sends headers and then trickles the body would otherwise
/// hold the call (and the session waiting on it) for as long as it likes. Placed outside
/// `ResponseLimitMiddleware`, which reads the whole body before the call returns.
struct DeadlineMiddleware: ClientMiddleware {
    let timeout: Duration
    let clock: any Clock<Duration>

    struct Expired: Error, CustomStringConvertible {
        let timeout: Duration
        var description: String { "no complete answer within \(timeout)" }
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let timeout = timeout, clock = clock
        return try await withoutActuallyEscaping(next) { next in
            try await withThrowingTaskGroup(of: (HTTPResponse, HTTPBody?).self) { group in
                group.addTask { try await next(request, body, baseURL) }
                group.addTask {
                    try await clock.sleep(for: timeout)
                    throw Expired(timeout: timeout)
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw Expired(timeout: timeout) }
                return first
            }
        }
    }
}
