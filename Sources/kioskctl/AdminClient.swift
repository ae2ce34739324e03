import ArgumentParser
import AsyncHTTPClient
import Foundation
import KioskAPI
import KioskCore
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// HTTP over the kiosk's admin unix socket.
struct AdminClient {
    let socketPath: String

    func get<Response: Decodable>(_ path: String, method: HTTPMethod = .GET, timeout: TimeAmount = .seconds(15)) async throws -> Response {
        let response = try await send(path, method: method, timeout: timeout)
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status == .ok else { throw Self.failure(path, response.status.code, body) }
        do {
            // kioskd's admin API (Hummingbird) writes dates as ISO 8601.
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(Response.self, from: Data(buffer: body))
        } catch {
            throw AdminClientError("kioskd's answer to \(path) is not what this kioskctl understands: \(error)")
        }
    }
}

extension AdminClient {
    /// One client for the command's life. A socket that refuses the connection fails the request at
    /// once, instead of the connection pool retrying it until the request's timeout.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The response head; the body is the caller's to read (streams such as `cards watch`).
    func send(_ path: String, method: HTTPMethod = .GET, json body: (any Encodable)? = nil, timeout: TimeAmount) async throws -> HTTPClientResponse {
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: path) else {
            throw ValidationError("--socket \(socketPath) is not a usable socket path")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
        }
        do {
            return try await Self.http.execute(request, timeout: timeout)
        } catch {
            throw AdminClientError("cannot reach kioskd at \(socketPath): \(error) — is kioskd running, and may you use its socket? (pick another kiosk with --socket)")
        }
    }

    /// kioskd's problem body ({code, message}) as the technician should read it.
    static func failure(_ path: String, _ status: UInt, _ body: ByteBuffer) -> AdminClientError {
        if let problem = try? JSONDecoder().decode(AdminProblem.self, from: Data(buffer: body)) {
            return AdminClientError("\(problem.message) [\(problem.code)]")
        }
        return AdminClientError("kioskd answered \(status) for \(path): \(String(buffer: body))")
    }
}

struct AdminClientError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
