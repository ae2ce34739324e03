import Foundation
import KioskCore
import KioskSession
import KioskTesting
import Logging
import Testing

@Suite("owed receipts: printed once the printer recovers, only at an idle kiosk, never twice")
struct OwedReceiptServiceTests {
    /// A printer history that says whether the printer already completed a job for a document.
    struct FixedHistory: ReceiptHistory {
        let answer: Bool?
        func wasPrinted(_ document: ReceiptDocument) async -> Bool? { answer }
    }

    @Test("a jammed print leaves the receipt owed; nothing is printed while jammed or while a resident is there; after the fix it prints once")
    func printsAfterRecovery() async throws {
        try await withSession { session in
            let receiptNumber = try await Self.owedReceipt(session)
            let idle = IdleSwitch()
            let service = OwedReceiptService(journal: session.journal, backend: session.client, printer: session.printer, history: FixedHistory(answer: false),
                                             noResidentServed: { idle.value }, verificationOrigins: { [SessionHarness.sandboxOrigin] }, clock: TestClock(), logger: Logger(label: "owed-test"))
            #expect(await service.printOwed() == 0, "the printer is still jammed")
            session.printer.set(readiness: .ready())
            idle.value = false
            #expect(await service.printOwed() == 0, "a resident is at the kiosk")
            idle.value = true
            #expect(await service.printOwed() == 1)
            guard case .electronicReceipt(let printed)? = session.printer.printed.last else { throw TestFixtureError("no receipt printed") }
            #expect(printed.receiptNumber == receiptNumber)
            #expect(printed.verificationURL.hasPrefix("https://sandbox.kioskd.invalid/receipts/verify?"), "the sandbox's checking link is allowed")
            try await session.journalEntry("printed") { $0.receipt == .printed }
            #expect(await service.printOwed() == 0)
            #expect(session.printer.printed.count == 1)
        }
    }

    @Test("a receipt the printer's history shows as completed is journaled printed without printing it again")
    func historySavesADoublePrint() async throws {
        try await withSession { session in
            _ = try await Self.owedReceipt(session)
            session.printer.set(readiness: .ready())
            let service = OwedReceiptService(journal: session.journal, backend: session.client, printer: session.printer, history: FixedHistory(answer: true),
                                             noResidentServed: { true }, verificationOrigins: { [] }, clock: TestClock(), logger: Logger(label: "owed-test"))
            #expect(await service.printOwed() == 1)
            #expect(session.printer.printed.isEmpty)
            try await session.journalEntry("printed") { $0.receipt == .printed }
        }
    }

    /// Pays with the printer jammed, so the receipt stays owed; returns its receipt number.
    static func owedReceipt(_ session: SessionHarness) async throws -> String {
        try await session.startPayment(.zhangJianguo, method: .payCode)
        session.printer.set(readiness: .ready(), failure: KioskError(.printerJammed, "jammed"))
        session.scanner.scan("134567890123456700")
        #expect(try await session.waitFor(.finished) == .finished(.paid(.owed)))
        let entry = try await session.journalEntry("owed") { $0.state == .succeeded && $0.receipt == .owed }
        session.printer.set(readiness: .unable(.printerJammed, paper: .jammed), failure: KioskError(.printerJammed, "jammed"))
        let receipt = try await session.client.receipt(paymentID: try #require(entry.paymentID))
        return receipt.receiptNumber
    }
}

final class IdleSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var idle = true
    var value: Bool {
        get { lock.withLock { idle } }
        set { lock.withLock { idle = newValue } }
    }
}
