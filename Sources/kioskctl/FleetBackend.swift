import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The backend's operator routes (`/sandbox/fleet/…` of kiosk-backend), for `config push --backend`
/// and `config twin`. Takes the server root or the contract's base URL (…/kiosk/v1).
struct FleetBackend {
    let root: String

    init(_ url: String) {
        let trimmed = url.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        root = trimmed.hasSuffix("/kiosk/v1") ? String(trimmed.dropLast("/kiosk/v1".count)) : trimmed
    }

    func send(_ path: String, method: HTTPMethod = .GET, body: Data? = nil) async throws -> (status: UInt, body: ByteBuffer) {
        var request = HTTPClientRequest(url: root + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await AdminClient.http.execute(request, timeout: .seconds(30))
        } catch {
            throw AdminClientError("cannot reach the backend at \(root): \(error)")
        }
        return (response.status.code, try await response.body.collect(upTo: 1 << 20))
    }
}
