import Foundation
import Hummingbird
import KioskAPI
import KioskCore
import NIOCore

extension CardReport: ResponseEncodable {}

/// `kioskctl cards …`: the readers, a masked read, and a live NDJSON stream of reader events.
enum CardRoutes {
    /// `noResidentServed` (nil: no session, as in a kioskd without a backend) guards reads of holder data.
    static func add(to router: Router<BasicRequestContext>, cards: (any CardDiagnostics)?, noResidentServed: (@Sendable () async -> Bool)? = nil) {
        router.get("/v1/cards/readers") { _, _ throws -> Response in
            guard let cards else { throw unavailable }
            return try json(await cards.readers())
        }
        router.get("/v1/cards/read") { request, _ throws -> Response in
            guard let cards else { throw unavailable }
            if let noResidentServed, await !noResidentServed() {
                return problem(status: .conflict, KioskError(.sessionResidentBeingServed, "a resident is being served: the card in the reader is theirs; read it once the kiosk is idle (kioskctl status)"))
            }
            let report: CardReport
            do throws(KioskError) {
                report = try await cards.readReport(reader: request.uri.queryParameters.get("reader"))
            } catch {
                return problem(status: status(for: error.code), error)
            }
            return try json(report)
        }
        router.get("/v1/cards/watch") { _, _ throws -> Response in
            guard let cards else { throw unavailable }
            return NDJSONStream.response(cards.watch())
        }
    }

    private static let unavailable = HTTPError(.serviceUnavailable, message: "this kioskd has no card readers configured")

    /// A card problem is the card's or the reader's, not the API's: 409 for what the technician can fix at the slot.
    private static func status(for code: KioskError.Code) -> HTTPResponse.Status {
        code == .cardReaderMissing ? .serviceUnavailable : .conflict
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func problem(status: HTTPResponse.Status, _ error: KioskError) -> Response {
        let body = (try? JSONEncoder().encode(AdminProblem(code: error.code.rawValue, message: error.message))) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
