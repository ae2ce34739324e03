import Foundation
import KioskCore
import KioskSession
import KioskTesting
import Testing

/// A journal on a real SQLite file in a fresh temporary directory.
struct JournalFixture {
    let directory: TemporaryDirectory
    let path: String
    let journal: SQLitePaymentJournal

    init(file: String = "state/journal.sqlite") throws {
        directory = try TemporaryDirectory(prefix: "journal")
        path = directory.file(file)
        journal = try SQLitePaymentJournal(path: path)
    }

    func reopen() throws -> SQLitePaymentJournal {
        try SQLitePaymentJournal(path: path)
    }

    func remove() {
        try? journal.close()
        directory.remove()
    }
}

enum JournalSamples {
    /// A fixed instant (2020-11-15 00:26:40 UTC).
    static let start = Date(timeIntervalSince1970: 1_605_400_000)

    static func intent(_ key: String = "key-\(UUID().uuidString)", createdAt: Date = start, payer: String? = nil) -> PaymentIntent {
        PaymentIntent(
            idempotencyKey: key, personRef: "prs_0123456789abcdef", payerRef: payer, year: 2021, tier: "basic",
            amount: Money(fen: 43_000), method: .payCode, createdAt: createdAt
        )
    }
}

/// Expects `body` to throw a KioskError with `code`.
@discardableResult
func expectJournalError<T>(
    _ code: KioskError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> KioskError? {
    do {
        let value = try await body()
        Issue.record("expected \(code), got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as KioskError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected KioskError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
