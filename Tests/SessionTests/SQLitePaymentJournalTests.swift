import Foundation
import GRDB
import KioskAPI
import KioskCore
import KioskSession
import KioskTesting
import Testing

@Suite("SQLite payment journal: storage, durability, permissions, damage")
struct SQLitePaymentJournalTests {
    @Test("an entry survives closing and reopening the file")
    func durableAcrossReopen() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        // Sub-millisecond times: what is read back must be exactly what was written.
        let now = Date()
        let intent = JournalSamples.intent("key-durable-0001", createdAt: now, payer: "prs_payer000000001")
        try await fixture.journal.recordIntent(intent)
        try await fixture.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: "pay_0001", at: now + 0.000_123)
        try await fixture.journal.recordState(key: intent.idempotencyKey, .succeeded, at: now + 1.000_456)
        try fixture.journal.close()

        let reopened = try fixture.reopen()
        defer { try? reopened.close() }
        let entry = try #require(try await reopened.entry(key: intent.idempotencyKey))
        #expect(entry == JournalEntry(intent: intent, paymentID: "pay_0001", state: .succeeded, receipt: .owed, updatedAt: now + 1.000_456))
        #expect(try await reopened.owedReceipts().map(\.intent.idempotencyKey) == [intent.idempotencyKey])
    }

    @Test("a payment the backend made differently is flagged: kept across reopening, counted in the summary for diag")
    func anomalyFlagged() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let now = Date()
        let intent = JournalSamples.intent("key-anomaly-0001", createdAt: now)
        try await fixture.journal.recordIntent(intent)
        try await fixture.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: "pay_0002", at: now)
        try await fixture.journal.recordState(key: intent.idempotencyKey, .succeeded, at: now)
        #expect(try await fixture.journal.summary(now: now).anomalies == 0)
        try await fixture.journal.recordAnomaly(key: intent.idempotencyKey, ["amount", "tier"], at: now + 1)
        try fixture.journal.close()

        let reopened = try fixture.reopen()
        defer { try? reopened.close() }
        #expect(try await reopened.entry(key: intent.idempotencyKey)?.anomaly == "amount,tier")
        #expect(try await reopened.summary(now: now).anomalies == 1)
        let checks = DiagnosticCheck.payments(try await reopened.summary(now: now))
        let anomaly = try #require(checks.first { $0.id == "payments.anomaly" })
        #expect(!anomaly.passed && anomaly.severity == .critical)
    }

    @Test("the connection runs WAL with synchronous = FULL (2), and the file itself is in WAL mode")
    func durabilityPragmas() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let settings = try await fixture.journal.durability()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2)
        // WAL is recorded in the file header: a separate connection sees it too.
        let other = try DatabaseQueue(path: fixture.path)
        #expect(try await other.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        try other.close()
    }

    @Test("a missing folder is created 0700; the file and its WAL are 0600")
    func permissions() async throws {
        let fixture = try JournalFixture(file: "new/deeper/journal.sqlite")
        defer { fixture.remove() }
        try await fixture.journal.recordIntent(JournalSamples.intent())
        #expect(try journalFileMode(fixture.directory.file("new")) == 0o700)
        #expect(try journalFileMode(fixture.directory.file("new/deeper")) == 0o700)
        #expect(try journalFileMode(fixture.path) == 0o600)
        #expect(try journalFileMode(fixture.path + "-wal") == 0o600)
    }

    @Test("an existing file with wider permissions is narrowed to 0600")
    func narrowsPermissions() throws {
        let directory = try TemporaryDirectory(prefix: "journal")
        defer { directory.remove() }
        let path = directory.file("journal.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        let journal = try SQLitePaymentJournal(path: path)
        try journal.close()
        #expect(try journalFileMode(path) == 0o600)
    }

    @Test("the same idempotency key cannot be journaled twice; the first intent stays as it was")
    func duplicateIntent() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let intent = JournalSamples.intent("key-duplicate-01")
        try await fixture.journal.recordIntent(intent)
        var other = intent
        other.amount = Money(fen: 1)
        await expectJournalError(.journalDuplicateIntent) { try await fixture.journal.recordIntent(other) }
        #expect(try await fixture.journal.entry(key: intent.idempotencyKey)?.intent == intent)
    }

    @Test("the file holds references only: no ID number or name, while the person reference is there")
    func noPersonalData() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let intent = JournalSamples.intent("key-personal-001")
        try await fixture.journal.recordIntent(intent)
        try await fixture.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: "pay_personal01", at: JournalSamples.start)
        let bytes = try journalBytes(fixture.path)
        #expect(bytes.contains(intent.personRef), "control: the scan must see what the journal wrote")
        #expect(!bytes.contains("320602196005120210"))
        #expect(!bytes.contains("张建国"))
    }

    @Test("a file that is not a database is refused with journal.unavailable naming the path")
    func garbageFile() throws {
        let directory = try TemporaryDirectory(prefix: "journal")
        defer { directory.remove() }
        let path = try directory.write("journal.sqlite", String(repeating: "this is not an SQLite database\n", count: 200))
        let error = try expectOpenFailure(path)
        #expect(error.code == .journalUnavailable)
        #expect(error.message.contains(path))
    }

    @Test("a journal whose pages were overwritten is refused with journal.unavailable")
    func damagedPages() async throws {
        let fixture = try JournalFixture()
        for index in 0..<50 { try await fixture.journal.recordIntent(JournalSamples.intent("key-damaged-\(index)")) }
        try fixture.journal.close()
        defer { fixture.directory.remove() }
        let handle = try #require(FileHandle(forUpdatingAtPath: fixture.path))
        let size = try handle.seekToEnd()
        #expect(size > 4096)
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        let error = try expectOpenFailure(fixture.path)
        #expect(error.code == .journalUnavailable)
        #expect(error.message.contains(fixture.path))
    }

    @Test("a folder where the file should be is refused with journal.unavailable")
    func folderInsteadOfFile() throws {
        let directory = try TemporaryDirectory(prefix: "journal")
        defer { directory.remove() }
        let path = directory.file("journal.sqlite")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let error = try expectOpenFailure(path)
        #expect(error.code == .journalUnavailable)
        #expect(error.message.contains(path))
    }

    @Test("calls after close fail with journal.unavailable")
    func closed() async throws {
        let fixture = try JournalFixture()
        defer { fixture.directory.remove() }
        try fixture.journal.close()
        await expectJournalError(.journalUnavailable) { try await fixture.journal.recordIntent(JournalSamples.intent()) }
        await expectJournalError(.journalUnavailable) { try await fixture.journal.unresolved() }
    }
}

func journalFileMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return try #require(attributes[.posixPermissions] as? Int)
}

/// The raw bytes of the database file and its WAL (what a thief of the disk would read).
func journalBytes(_ path: String) throws -> JournalRawBytes {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    if let wal = FileManager.default.contents(atPath: path + "-wal") { data.append(wal) }
    return JournalRawBytes(data: data)
}

struct JournalRawBytes {
    let data: Data
    func contains(_ text: String) -> Bool { data.range(of: Data(text.utf8)) != nil }
}

func expectOpenFailure(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> KioskError {
    do {
        let journal = try SQLitePaymentJournal(path: path)
        try? journal.close()
    } catch {
        return error
    }
    Issue.record("the journal at \(path) opened", sourceLocation: sourceLocation)
    throw TestFixtureError("expected journal.unavailable for \(path)")
}
