import Foundation
import GRDB
import KioskCore

extension SQLitePaymentJournal {
    static let unresolvedStates = [JournalPaymentState.intended.rawValue, JournalPaymentState.submitted.rawValue]

    public func capacity() async -> JournalCapacity {
        JournalCapacity(freeBytes: Self.freeBytes(near: path))
    }

    /// Free bytes for an unprivileged writer on the file system holding `path`'s folder.
    public static func freeBytes(near path: String) -> Int64? {
        var info = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    public func entry(key: String) async throws(KioskError) -> JournalEntry? {
        try await read("entry") { db in try JournalRow.fetchOne(db, key: key) }?.entry()
    }

    public func latest(method: PaymentMethod) async throws(KioskError) -> JournalEntry? {
        try await read("latest") { db in
            try JournalRow.filter(Column("method") == method.rawValue)
                .order(JournalRow.Columns.createdAt.desc, JournalRow.Columns.idempotencyKey.desc).fetchOne(db)
        }?.entry()
    }

    public func unresolved() async throws(KioskError) -> [JournalEntry] {
        try await entries("unresolved", JournalRow.filter(Self.unresolvedStates.contains(JournalRow.Columns.state)))
    }

    public func owedReceipts() async throws(KioskError) -> [JournalEntry] {
        try await entries("owedReceipts", JournalRow.filter(JournalRow.Columns.receipt == JournalReceiptState.owed.rawValue))
    }

    public func summary(now: Date) async throws(KioskError) -> JournalSummary {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.startOfDay(for: now)
        let dayStart = JournalTime.seconds(start)
        let dayEnd = JournalTime.seconds(calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400))
        return try await read("summary") { db in
            let unresolved = try JournalRow.filter(Self.unresolvedStates.contains(JournalRow.Columns.state)).fetchCount(db)
            let owed = try JournalRow.filter(JournalRow.Columns.receipt == JournalReceiptState.owed.rawValue).fetchCount(db)
            let succeededToday = try JournalRow
                .filter(JournalRow.Columns.state == JournalPaymentState.succeeded.rawValue)
                .filter(JournalRow.Columns.resolvedAt >= dayStart && JournalRow.Columns.resolvedAt < dayEnd)
                .fetchCount(db)
            let last = try ReconciliationRow.fetchOne(db, key: ReconciliationRow.singleID)
            let anomalies = try JournalRow.filter(JournalRow.Columns.anomaly != nil).fetchCount(db)
            return JournalSummary(
                unresolved: unresolved, owedReceipts: owed, succeededToday: succeededToday, lastReconciliation: last?.report, anomalies: anomalies
            )
        }
    }

    /// An entry goes when it is resolved, its receipt is not owed, and its last change (resolution or
    /// receipt printed) is older than `date`.
    public func purge(keeping retention: Duration, now: Date) async throws(KioskError) -> Int {
        let kept = Double(retention.components.seconds)
        return try await write("purge") { db in
            let newest = try JournalRow.select(max(JournalRow.Columns.updatedAt), as: Double.self).fetchOne(db)
            let cutoff = min(JournalTime.seconds(now), newest ?? JournalTime.seconds(now)) - kept
            return try JournalRow
                .filter(!Self.unresolvedStates.contains(JournalRow.Columns.state))
                .filter(JournalRow.Columns.receipt != JournalReceiptState.owed.rawValue)
                .filter(JournalRow.Columns.updatedAt < cutoff)
                .deleteAll(db)
        }
    }

    private func entries(_ operation: String, _ request: QueryInterfaceRequest<JournalRow>) async throws(KioskError) -> [JournalEntry] {
        let ordered = request.order(JournalRow.Columns.createdAt, JournalRow.Columns.idempotencyKey)
        var entries: [JournalEntry] = []
        for row in try await read(operation, { db in try ordered.fetchAll(db) }) {
            entries.append(try row.entry())
        }
        return entries
    }
}
