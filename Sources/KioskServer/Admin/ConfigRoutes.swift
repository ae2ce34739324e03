import Foundation
import Hummingbird
import KioskAPI
import KioskCore
import NIOCore

/// `kioskctl config …`: `GET /v1/config`, `/v1/config/history`, `/v1/config/document`;
/// `POST /v1/config/bundle` (the bundle's JSON), `/v1/config/rollback`, `/v1/config/pull`.
enum ConfigRoutes {
    static let bundleLimit = 1 << 20

    static func add(to router: Router<BasicRequestContext>, control: (any ConfigurationControl)?) {
        router.get("/v1/config") { _, _ throws -> Response in
            try CardRoutes.json(await available(control).configurationStatus())
        }
        router.get("/v1/config/history") { _, _ throws -> Response in
            try CardRoutes.json(await available(control).configurationHistory())
        }
        router.get("/v1/config/document") { _, _ throws -> Response in
            let text = try await available(control).runningDocument()
            var headers = HTTPFields()
            headers[.contentType] = "application/toml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.post("/v1/config/bundle") { request, _ throws -> Response in
            let control = try available(control)
            let body = try await request.body.collect(upTo: bundleLimit)
            return await answer { () throws(KioskError) in try await control.submit(bundle: Data(buffer: body)) }
        }
        router.post("/v1/config/rollback") { _, _ throws -> Response in
            let control = try available(control)
            return await answer { () throws(KioskError) in try await control.rollBack() }
        }
        router.post("/v1/config/pull") { _, _ throws -> Response in
            let control = try available(control)
            return await answer { () throws(KioskError) in try await control.pullNow() }
        }
    }

    static func available(_ control: (any ConfigurationControl)?) throws -> any ConfigurationControl {
        guard let control else { throw HTTPError(.serviceUnavailable, message: "this kioskd takes no configuration updates") }
        return control
    }

    static func answer(_ body: () async throws(KioskError) -> ConfigurationStatus) async -> Response {
        do {
            return try AdminJSONResponse.make(try await body(), status: .accepted)
        } catch let error as KioskError {
            return CardRoutes.problem(status: status(for: error.code), error)
        } catch {
            return CardRoutes.problem(status: .internalServerError, KioskError(.configWriteFailed, "\(error)"))
        }
    }

    static func status(for code: KioskError.Code) -> HTTPResponse.Status {
        switch code {
        case .bundleOldVersion, .configNoPrevious: .conflict
        case .configWriteFailed: .internalServerError
        case _ where code.rawValue.hasPrefix("backend."): .badGateway
        default: .unprocessableContent
        }
    }
}
