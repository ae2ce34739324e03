import ArgumentParser
import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore
import NIOFoundationCompat

/// HTTP over the kiosk's admin unix socket.
struct AdminClient {
    let socketPath: String

    func get<Response: Decodable>(_ path: String) async throws -> Response {
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: path) else {
            throw ValidationError("--socket \(socketPath) is not a usable socket path")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        } catch {
            throw AdminClientError("cannot reach kioskd at \(socketPath): \(error) — is kioskd running, and may you use its socket? (pick another kiosk with --socket)")
        }
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status == .ok else {
            throw AdminClientError("kioskd answered \(response.status.code) for \(path): \(String(buffer: body))")
        }
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

struct AdminClientError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
