import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import Logging

/// The next start-up after a crash: reconcile until nothing is unresolved (bounded), then print the
/// receipts still owed.
struct Recovery {
    let journal: any PaymentJournal
    let backend: any BackendClient
    let printer: ReceiptPrinterFile
    let window: Duration
    /// Where card payments are settled.
    let terminal: (any PaymentTerminal)?
    let logger: Logger
    static let passInterval: Duration = .milliseconds(200)
    static let limit: Duration = .seconds(30)

    /// Exit status: 0 when settled and every owed receipt printed, 2 when something stayed unresolved.
    func run() async throws -> Int32 {
        let reconciler = PaymentReconciler(
            journal: journal, backend: backend, providerWindow: window, logger: logger,
            cards: terminal.map { PaymentReconciler.CardPaymentSettlement(terminal: $0, kioskID: SessionPayment.kioskID) }
        )
        let deadline = ContinuousClock.now + Self.limit
        while try await reconciler.reconcile().stillUnresolved > 0 {
            guard ContinuousClock.now < deadline else { return 2 }
            try await Task.sleep(for: Self.passInterval)
        }
        for entry in try await journal.owedReceipts() {
            guard let paymentID = entry.paymentID else { throw HarnessError("an owed receipt without a payment id") }
            try await printReceipt(key: entry.intent.idempotencyKey, paymentID: paymentID, journal: journal, backend: backend, printer: printer, logger: logger)
        }
        return 0
    }
}

/// Fetches the e-receipt, prints it unless the printer already did, and journals it printed.
func printReceipt(key: String, paymentID: String, journal: any PaymentJournal, backend: any BackendClient, printer: ReceiptPrinterFile, logger: Logger) async throws {
    let receipt = try await backend.receipt(paymentID: paymentID)
    let fresh = try printer.printOnce(receipt.receiptNumber)
    logger.notice(fresh ? "receipt printed" : "receipt already printed (found in the printer's history)", metadata: ["payment_id": "\(paymentID)"])
    try await journal.recordReceipt(key: key, .printed, at: Date())
}
