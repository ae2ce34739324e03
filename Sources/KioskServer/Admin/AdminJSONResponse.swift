import Foundation
import Hummingbird
import KioskCore
import NIOCore

/// JSON answers of the admin API with any status: a value, or a problem `{code, message}`.
enum AdminJSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try CardRoutes.json(value)
        response.status = status
        return response
    }

    static func problem(_ status: HTTPResponse.Status, code: KioskError.Code, message: String) -> Response {
        CardRoutes.problem(status: status, KioskError(code, message))
    }
}
