import Foundation
import GRDB
import KioskBackendAPI
import KioskCore

extension SandboxAPI {
    public func getDesiredConfiguration(_ input: Operations.GetDesiredConfiguration.Input) async throws -> Operations.GetDesiredConfiguration.Output {
        let kioskID = input.path.kioskId
        guard let (bundle, published) = try await backend.desiredBundle(kioskID: kioskID, region: input.query.region) else {
            return .notFound(.init(body: .applicationProblemJson(
                SandboxProblem(404, "configuration.not_published", "no configuration published for kiosk \(kioskID)").body)))
        }
        if input.headers.ifNoneMatch == published.etag { return .notModified(.init()) }
        return .ok(.init(
            headers: .init(eTag: published.etag),
            body: .json(.init(format: bundle.format, payload: bundle.payload, signature: bundle.signature, keyId: bundle.keyID))
        ))
    }

    public func reportKioskState(_ input: Operations.ReportKioskState.Input) async throws -> Operations.ReportKioskState.Output {
        guard case .json(let report) = input.body else { return .badRequest(.init(body: .applicationProblemJson(SandboxProblem.invalid("body must be JSON").body))) }
        let data = try JSONEncoder().encode(report)
        let kioskID = input.path.kioskId
        try await backend.store.queue.write { db in
            try KioskStateRecord(kioskId: kioskID, reportedAt: report.reportedAt, report: data).save(db)
        }
        return .noContent(.init())
    }
}
