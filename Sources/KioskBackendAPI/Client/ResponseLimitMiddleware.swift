import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Refuses answers larger than the limit, before decoding them.
struct ResponseLimitMiddleware: ClientMiddleware {
    let maximumBytes: Int

    struct Oversized: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "the answer is larger than \(limit) bytes" }
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard let responseBody else { return (response, nil) }
        if case .known(let length) = responseBody.length, length > maximumBytes { throw Oversized(limit: maximumBytes) }
        var bytes: [UInt8] = []
        for try await chunk in responseBody {
            guard bytes.count + chunk.count <= maximumBytes else { throw Oversized(limit: maximumBytes) }
            bytes.append(contentsOf: chunk)
        }
        return (response, HTTPBody(bytes))
    }
}
