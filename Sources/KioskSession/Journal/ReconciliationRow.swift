import Foundation
import GRDB
import KioskCore

/// The last reconciliation's report: the `reconciliation` table holds a single row (id 1).
struct ReconciliationRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "reconciliation"
    static let singleID = 1

    var id: Int
    var finishedAt: Double
    var examined: Int
    var succeeded: Int
    var failed: Int
    var reversed: Int
    var abandoned: Int
    var stillUnresolved: Int
    var receiptsOwed: Int

    init(_ report: ReconciliationReport) {
        id = Self.singleID
        finishedAt = JournalTime.seconds(report.finishedAt)
        examined = report.examined
        succeeded = report.succeeded
        failed = report.failed
        reversed = report.reversed
        abandoned = report.abandoned
        stillUnresolved = report.stillUnresolved
        receiptsOwed = report.receiptsOwed
    }

    var report: ReconciliationReport {
        ReconciliationReport(
            finishedAt: JournalTime.date(finishedAt), examined: examined, succeeded: succeeded, failed: failed, reversed: reversed,
            abandoned: abandoned, stillUnresolved: stillUnresolved, receiptsOwed: receiptsOwed
        )
    }
}
