import Foundation
import KioskAPI
import KioskCore

/// Configuration updates: what `kioskctl config show|history|diff|push|pull|rollback` uses.
public protocol ConfigurationControl: Sendable {
    func configurationStatus() async -> ConfigurationStatus
    func configurationHistory() async -> [ConfigHistoryEntry]
    /// The kiosk.conf text running now (for `config diff`), with the PIN hash replaced by a fingerprint.
    func runningDocument() async -> String
    /// Verifies and validates a bundle, then queues it for when no resident is being served.
    func submit(bundle: Data) async throws(KioskError) -> ConfigurationStatus
    /// Queues a return to the version that ran before the current one.
    func rollBack() async throws(KioskError) -> ConfigurationStatus
    /// Asks the backend for this kiosk's desired configuration now, instead of at the next poll.
    func pullNow() async throws(KioskError) -> ConfigurationStatus
}
