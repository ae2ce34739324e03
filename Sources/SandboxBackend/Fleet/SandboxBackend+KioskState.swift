import Foundation
import GRDB
import KioskBackendAPI

extension SandboxBackend {
    /// The last state a kiosk reported, as it reported it.
    public func latestState(kioskID: String) async throws -> BackendStateReport? {
        guard let record = try await store.queue.read({ db in try KioskStateRecord.fetchOne(db, key: kioskID) }) else { return nil }
        return try JSONDecoder().decode(BackendStateReport.self, from: record.report)
    }
}
