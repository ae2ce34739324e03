import Foundation
import KioskConfig
import KioskCore
import Logging

/// Where the service menu's PIN attempts outlive kioskd: a small JSON file in kioskd's state folder
/// (0600), replaced atomically after every attempt.
struct PINLockoutFile: Sendable {
    let path: String

    /// The file beside the payment journal (`/var/lib/kioskd/service-menu-lockout.json`).
    init(beside journalPath: String) {
        path = URL(fileURLWithPath: journalPath).deletingLastPathComponent().appendingPathComponent("service-menu-lockout.json").path
    }

    /// The attempts so far. A file that exists but cannot be read counts as a lockout: a garbled
    /// record must not give new attempts.
    func load(now: Date, logger: Logger) -> PINAttemptLimiter {
        guard FileManager.default.fileExists(atPath: path) else { return PINAttemptLimiter() }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(PINAttemptLimiter.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            logger.error("the service menu's PIN record cannot be read; the menu is locked for 15 minutes", metadata: [LogKey.configPath: "\(path)"])
            return .lockedOnStart(at: now)
        }
    }

    func save(_ limiter: PINAttemptLimiter) throws(KioskError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let data: Data
        do {
            data = try encoder.encode(limiter)
        } catch {
            throw KioskError(.configWriteFailed, "cannot encode the PIN record", cause: error)
        }
        try AtomicFile.write(data, to: path, mode: 0o600)
    }
}
