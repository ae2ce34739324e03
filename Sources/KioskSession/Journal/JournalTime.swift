import Foundation

/// How the journal stores times: `Date`'s own seconds since 2001-01-01 UTC as a REAL, so a date
/// reads back exactly as written (GRDB's text format keeps milliseconds only). For a human:
/// `SELECT datetime(updatedAt + 978307200, 'unixepoch')`.
enum JournalTime {
    static func seconds(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: seconds) }
}
