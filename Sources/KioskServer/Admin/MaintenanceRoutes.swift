import Foundation
import Hummingbird
import KioskAPI
import KioskCore

extension MaintenanceStatus: ResponseEncodable {}

/// `kioskctl maintenance …`: `GET /v1/maintenance`, and `POST /v1/maintenance` with
/// `{"on": true, "reason": "…"}` or `{"on": false}`.
enum MaintenanceRoutes {
    static func add(to router: Router<BasicRequestContext>, maintenance: (any MaintenanceControl)?) {
        router.get("/v1/maintenance") { _, _ throws -> Response in
            guard let maintenance else { throw unavailable }
            return try CardRoutes.json(await maintenance.maintenanceStatus())
        }
        router.post("/v1/maintenance") { request, _ throws -> Response in
            guard let maintenance else { throw unavailable }
            let body = try await request.body.collect(upTo: 16 << 10)
            guard let change = try? JSONDecoder().decode(MaintenanceRequest.self, from: Data(body.readableBytesView)) else {
                return AdminJSONResponse.problem(.badRequest, code: .adminBodyInvalid,
                                                 message: #"the body must be JSON {"on": true, "reason": "…"} or {"on": false}"#)
            }
            switch change.validatedReason() {
            case .failure(let problem):
                return AdminJSONResponse.problem(.badRequest, code: .maintenanceReasonInvalid, message: problem.message)
            case .success(let reason?):
                return try CardRoutes.json(await maintenance.startMaintenance(reason: reason))
            case .success(nil):
                return try CardRoutes.json(await maintenance.endMaintenance())
            }
        }
    }

    private static let unavailable = HTTPError(.serviceUnavailable, message: "this kioskd has no maintenance mode")
}
