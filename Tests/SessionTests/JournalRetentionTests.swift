import Foundation
import KioskCore
import KioskSession
import Testing

@Suite("payment journal: listings, summary counts, retention")
struct JournalRetentionTests {
    static let day: TimeInterval = 86_400

    @Test("unresolved and owed listings are oldest first; the summary counts them and today's successes in China time")
    func summary() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let journal = fixture.journal
        // 2020-11-15 10:00 UTC = 18:00 in Beijing.
        let now = Date(timeIntervalSince1970: 1_605_434_400)
        let sameChinaDay = Date(timeIntervalSince1970: 1_605_384_000)  // 2020-11-14 20:00 UTC = 11-15 04:00 Beijing
        let previousChinaDay = Date(timeIntervalSince1970: 1_605_366_000)  // 2020-11-14 15:00 UTC = 11-14 23:00 Beijing

        try await journal.recordIntent(JournalSamples.intent("key-b-intended", createdAt: now - 60))
        try await journal.recordIntent(JournalSamples.intent("key-a-submitted", createdAt: now - 120))
        try await journal.recordSubmitted(key: "key-a-submitted", paymentID: "pay_a", at: now - 110)
        for (key, resolvedAt) in [("key-today-1", sameChinaDay), ("key-today-2", now - 30), ("key-yesterday", previousChinaDay)] {
            try await journal.recordIntent(JournalSamples.intent(key, createdAt: resolvedAt - 5))
            try await journal.recordSubmitted(key: key, paymentID: "pay_\(key)", at: resolvedAt - 4)
            try await journal.recordState(key: key, .succeeded, at: resolvedAt)
        }
        try await journal.recordReceipt(key: "key-today-2", .printed, at: now - 20)
        try await journal.recordIntent(JournalSamples.intent("key-failed", createdAt: now - 50))
        try await journal.recordSubmitted(key: "key-failed", paymentID: "pay_failed", at: now - 49)
        try await journal.recordState(key: "key-failed", .failed, at: now - 48)

        #expect(try await journal.unresolved().map(\.intent.idempotencyKey) == ["key-a-submitted", "key-b-intended"])
        #expect(try await journal.owedReceipts().map(\.intent.idempotencyKey) == ["key-yesterday", "key-today-1"])
        let summary = try await journal.summary(now: now)
        #expect(summary.unresolved == 2)
        #expect(summary.owedReceipts == 2)
        #expect(summary.succeededToday == 2)
        #expect(summary.lastReconciliation == nil)
    }

    @Test("the last reconciliation report is kept (one, the latest) and shown in the summary")
    func reconciliationReport() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let first = ReconciliationReport(finishedAt: JournalSamples.start, examined: 3, succeeded: 1, failed: 0, reversed: 1, abandoned: 0, stillUnresolved: 1, receiptsOwed: 1)
        let second = ReconciliationReport(finishedAt: JournalSamples.start + 60, examined: 1, succeeded: 1, failed: 0, reversed: 0, abandoned: 0, stillUnresolved: 0, receiptsOwed: 2)
        try await fixture.journal.recordReconciliation(first)
        #expect(try await fixture.journal.summary(now: JournalSamples.start).lastReconciliation == first)
        try await fixture.journal.recordReconciliation(second)
        try fixture.journal.close()
        let reopened = try fixture.reopen()
        defer { try? reopened.close() }
        #expect(try await reopened.summary(now: JournalSamples.start).lastReconciliation == second)
    }

    @Test("purge removes old resolved entries and keeps unresolved ones, owed receipts and recent entries")
    func purge() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let journal = fixture.journal
        let now = JournalSamples.start + 200 * Self.day
        let old = now - 100 * Self.day
        let recent = now - 10 * Self.day
        // Old and resolved: purged.
        try await JournalTransitionTests.entry(in: .abandoned, journal: journal, key: "old-abandoned")
        try await JournalTransitionTests.entry(in: .failed, journal: journal, key: "old-failed")
        try await JournalTransitionTests.entry(in: .reversed, journal: journal, key: "old-reversed")
        try await JournalTransitionTests.entry(in: .succeeded, journal: journal, key: "old-printed")
        try await journal.recordReceipt(key: "old-printed", .printed, at: JournalSamples.start + 3)
        // Old but still needed: kept.
        try await JournalTransitionTests.entry(in: .intended, journal: journal, key: "old-intended")
        try await JournalTransitionTests.entry(in: .submitted, journal: journal, key: "old-submitted")
        try await JournalTransitionTests.entry(in: .succeeded, journal: journal, key: "old-owed")
        // Resolved long ago, but the receipt was printed recently: its last change is recent, kept.
        try await JournalTransitionTests.entry(in: .succeeded, journal: journal, key: "late-printed")
        try await journal.recordReceipt(key: "late-printed", .printed, at: recent)
        // Recent and resolved: kept.
        try await journal.recordIntent(JournalSamples.intent("recent-failed", createdAt: recent))
        try await journal.recordSubmitted(key: "recent-failed", paymentID: "pay_recent", at: recent)
        try await journal.recordState(key: "recent-failed", .failed, at: recent)

        #expect(try await journal.purge(keeping: .seconds(90 * 86_400), now: now) == 4)
        for key in ["old-abandoned", "old-failed", "old-reversed", "old-printed"] {
            #expect(try await journal.entry(key: key) == nil, "\(key) purged")
        }
        for key in ["old-intended", "old-submitted", "old-owed", "late-printed", "recent-failed"] {
            #expect(try await journal.entry(key: key) != nil, "\(key) kept")
        }
        #expect(try await journal.purge(keeping: .seconds(90 * 86_400), now: now) == 0)
        _ = old
    }

    @Test("a wall clock that jumped years forward purges nothing recent: retention counts from the journal's newest change")
    func forwardJumpKeepsRecent() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let journal = fixture.journal
        let today = JournalSamples.start + 200 * Self.day
        try await journal.recordIntent(JournalSamples.intent("recent-failed", createdAt: today - Self.day))
        try await journal.recordSubmitted(key: "recent-failed", paymentID: "pay_recent", at: today - Self.day)
        try await journal.recordState(key: "recent-failed", .failed, at: today - Self.day)
        try await journal.recordIntent(JournalSamples.intent("old-failed", createdAt: today - 100 * Self.day))
        try await journal.recordSubmitted(key: "old-failed", paymentID: "pay_old", at: today - 100 * Self.day)
        try await journal.recordState(key: "old-failed", .failed, at: today - 100 * Self.day)
        // The clock says five years later: only what is 90 days older than the newest change goes.
        #expect(try await journal.purge(keeping: .seconds(90 * 86_400), now: today + 5 * 365 * Self.day) == 1)
        #expect(try await journal.entry(key: "recent-failed") != nil, "a forward jump must not purge recent records")
        #expect(try await journal.entry(key: "old-failed") == nil)
    }
}
