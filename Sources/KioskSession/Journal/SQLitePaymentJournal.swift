import Foundation
import GRDB
import KioskCore
import Synchronization

/// The payment journal in one SQLite file: WAL with `synchronous = FULL`, so a `record…` call that
/// returned is on disk (fsync of the WAL) before the kiosk goes on to call the backend.
///
/// The file's folder is created 0700 when missing; the file (and SQLite's -wal/-shm beside it) is 0600.
/// A file that is not a readable, intact journal is refused with `journal.unavailable` naming the path.
public final class SQLitePaymentJournal: PaymentJournal {
    public let path: String
    let queue: DatabaseQueue
    /// The calendar day of `JournalSummary.succeededToday`.
    let timeZone: TimeZone
    /// GRDB treats any use of a closed connection as a programming error (it may crash), so the
    /// journal refuses calls after `close()` itself.
    private let closed = Mutex(false)

    public static let chinaStandardTime: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? TimeZone.current

    public init(path: String, timeZone: TimeZone = SQLitePaymentJournal.chinaStandardTime) throws(KioskError) {
        self.path = path
        self.timeZone = timeZone
        queue = try Self.open(path: path)
    }

    /// Closes the file; later calls fail with `journal.unavailable`.
    public func close() throws(KioskError) {
        let wasClosed = closed.withLock { closed in
            defer { closed = true }
            return closed
        }
        if wasClosed { return }
        do {
            try queue.close()
        } catch {
            throw KioskError(.journalUnavailable, "cannot close the journal \(path)", cause: error)
        }
    }

    /// What the connection actually runs with, for diagnostics and tests: (`journal_mode`, `synchronous`).
    public func durability() async throws(KioskError) -> (journalMode: String, synchronous: Int) {
        try await read("durability") { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return (mode, synchronous)
        }
    }

    /// One committed transaction. `KioskError`s thrown by `body` (refusals) pass through; anything
    /// else is the file failing us.
    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(KioskError) -> T {
        try ensureOpen(operation)
        do {
            return try await queue.write(body)
        } catch let error as KioskError {
            throw error
        } catch {
            throw KioskError(.journalUnavailable, "\(operation): cannot write the journal \(path)", cause: error)
        }
    }

    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(KioskError) -> T {
        try ensureOpen(operation)
        do {
            return try await queue.read(body)
        } catch let error as KioskError {
            throw error
        } catch {
            throw KioskError(.journalUnavailable, "\(operation): cannot read the journal \(path)", cause: error)
        }
    }

    private func ensureOpen(_ operation: String) throws(KioskError) {
        if closed.withLock({ $0 }) { throw KioskError(.journalUnavailable, "\(operation): the journal \(path) is closed") }
    }
}
