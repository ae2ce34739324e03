import Foundation
import KioskBackendAPI
import KioskCore
import Logging
import ServiceLifecycle

/// Prints the receipts the journal still owes (a print failed, or the kiosk stopped between a
/// payment and its receipt) once the printer can print again — only while no resident is at the
/// kiosk, and never twice: the printer's job history is asked first.
public struct OwedReceiptService: Service {
    let journal: any PaymentJournal
    let backend: any BackendClient
    let printer: any ReceiptPrinter
    let history: (any ReceiptHistory)?
    let noResidentServed: @Sendable () async -> Bool
    /// Where a receipt's checking link may point (the session's `verificationURLOrigins`, as reloaded).
    let verificationOrigins: @Sendable () -> [URLOrigin]
    let interval: Duration
    let clock: any Clock<Duration>
    /// When the receipt was printed, in the journal.
    let wallClock: WallClock
    let logger: Logger

    public init(journal: any PaymentJournal, backend: any BackendClient, printer: any ReceiptPrinter, history: (any ReceiptHistory)?,
                noResidentServed: @escaping @Sendable () async -> Bool, verificationOrigins: @escaping @Sendable () -> [URLOrigin],
                interval: Duration = .seconds(60), clock: any Clock<Duration>, wallClock: WallClock = .system, logger: Logger) {
        self.wallClock = wallClock
        self.journal = journal
        self.backend = backend
        self.printer = printer
        self.history = history
        self.noResidentServed = noResidentServed
        self.verificationOrigins = verificationOrigins
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await printOwed()
                try? await clock.sleep(for: interval)
            }
        }
    }

    /// One pass; returns how many owed receipts were settled (printed, or found already printed).
    @discardableResult
    public func printOwed() async -> Int {
        let owed: [JournalEntry]
        do {
            owed = try await journal.owedReceipts()
        } catch {
            logger.error("cannot read owed receipts", metadata: [LogKey.errorCode: "\(error.code)"])
            return 0
        }
        guard !owed.isEmpty, await noResidentServed(), await printer.readiness().canPrint else { return 0 }
        var settled = 0
        for entry in owed {
            guard let paymentID = entry.paymentID, await noResidentServed() else { continue }
            do throws(KioskError) {
                let document = ReceiptDocument.electronicReceipt(
                    ElectronicReceipt(try await backend.receipt(paymentID: paymentID)).keepingVerificationLink(on: verificationOrigins()))
                if await history?.wasPrinted(document) == true {
                    logger.notice("owed receipt already printed (found in the printer's history)", metadata: [LogKey.paymentID: "\(paymentID)"])
                } else {
                    try await printer.print(document)
                    logger.notice("owed receipt printed", metadata: [LogKey.paymentID: "\(paymentID)"])
                }
                try await journal.recordReceipt(key: entry.intent.idempotencyKey, .printed, at: wallClock.now())
                settled += 1
            } catch {
                logger.warning("owed receipt not printed yet", metadata: [LogKey.paymentID: "\(paymentID)", LogKey.errorCode: "\(error.code)"])
                return settled
            }
        }
        return settled
    }
}
