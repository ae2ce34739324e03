import GRDB
import KioskCore

extension SQLitePaymentJournal {
    /// SQLite's `PRAGMA integrity_check` on a connection of its own, read-only, so pages are read
    /// from the disk rather than from the journal's cache: `["ok"]` when the file is sound.
    public static func integrityCheck(path: String) throws(KioskError) -> [String] {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        } catch {
            throw KioskError(.journalUnavailable, "cannot check the journal \(path): \(error)")
        }
    }
}
