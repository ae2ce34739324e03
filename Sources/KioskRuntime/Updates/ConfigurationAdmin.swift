import Foundation
import KioskAPI
import KioskCore
import KioskServer

/// `kioskctl config …` on the admin API: the updater's state and history, bundles pushed to it, a
/// rollback, and a pull from the backend now instead of at the next poll.
struct ConfigurationAdmin: ConfigurationControl {
    let updater: ConfigUpdater
    /// Nil when this kioskd has no backend client.
    let backendWatch: BackendWatch?

    func configurationStatus() async -> ConfigurationStatus { await updater.status() }

    func configurationHistory() async -> [ConfigHistoryEntry] { await updater.history.entries() }

    func runningDocument() async -> String { await updater.runningDocument }

    func submit(bundle: Data) async throws(KioskError) -> ConfigurationStatus {
        try await updater.submit(bundle, source: .push)
    }

    func rollBack() async throws(KioskError) -> ConfigurationStatus {
        try await updater.requestRollback()
    }

    func pullNow() async throws(KioskError) -> ConfigurationStatus {
        guard let backendWatch else { throw KioskError(.backendUnreachable, "this kioskd has no backend client to pull from (see kioskctl status)") }
        try await backendWatch.poll()
        return await updater.status()
    }
}
