import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import Logging

/// One pay-code payment in the kiosk's order: journal the intent, create the payment, journal its id,
/// poll until final, journal the outcome, print the receipt, journal that it was printed.
struct PayCodePayment {
    let journal: any PaymentJournal
    let backend: any BackendClient
    let printer: ReceiptPrinterFile
    let logger: Logger
    let kioskID = "NT-CRASH-0001"
    static let pollInterval: Duration = .milliseconds(200)
    static let pollLimit: Duration = .seconds(30)

    /// Exit status: 0 when the payment reached a final state, 3 when it was still open at the poll limit.
    func run(idNumber: String, name: String, payCode: String, key: String, year: Int) async throws -> Int32 {
        let person = try await backend.resolveIdentity(.typed(.init(method: "typed", idNumber: idNumber, name: name)))
        let enrollment = try await backend.enrollment(personRef: person.personRef, year: year)
        guard let tier = enrollment.tiers.first(where: { $0.id == enrollment.defaultTier }) else {
            throw HarnessError("the enrollment has no default tier")
        }
        let intent = PaymentIntent(
            idempotencyKey: key, personRef: person.personRef, payerRef: nil, year: year, tier: tier.id,
            amount: Money(fen: tier.dueFen), method: .payCode, createdAt: Date()
        )
        try await journal.recordIntent(intent)
        let request = BackendPaymentRequest(
            personRef: person.personRef, payerRef: nil, year: year, tier: tier.id, amountFen: tier.dueFen,
            method: .paycode, payCode: payCode, kioskId: kioskID
        )
        var payment: BackendPayment
        do {
            payment = try await backend.createPayment(request, idempotencyKey: key)
        } catch {
            // Refused (4xx): the backend created no payment. Anything else may have reached it: left to recovery.
            guard error.code == .backendRejected else { throw error }
            try await journal.recordState(key: key, .abandoned, at: Date())
            logger.notice("payment refused by the backend: abandoned", metadata: ["error_code": "\(error.backendProblem?.code ?? error.code.rawValue)"])
            return 0
        }
        try await journal.recordSubmitted(key: key, paymentID: payment.paymentId, at: Date())
        let deadline = ContinuousClock.now + Self.pollLimit
        while Self.finalState(payment.status) == nil {
            guard ContinuousClock.now < deadline else {
                logger.warning("payment still open at the poll limit", metadata: ["payment_id": "\(payment.paymentId)"])
                return 3
            }
            try await Task.sleep(for: Self.pollInterval)
            payment = try await backend.payment(id: payment.paymentId)
        }
        guard let final = Self.finalState(payment.status) else { return 3 }
        try await journal.recordState(key: key, final, at: Date())
        logger.notice("payment final", metadata: ["payment_id": "\(payment.paymentId)", "payment_status": "\(payment.status.rawValue)"])
        if final == .succeeded {
            try await printReceipt(key: key, paymentID: payment.paymentId, journal: journal, backend: backend, printer: printer, logger: logger)
        }
        return 0
    }

    static func finalState(_ status: Components.Schemas.PaymentStatus) -> JournalPaymentState? {
        switch status {
        case .succeeded: .succeeded
        case .failed: .failed
        case .reversed: .reversed
        case .expired: .expired
        case .pending, .userPaying, .unknown: nil
        }
    }
}

/// Fetches the e-receipt, prints it unless the printer already did, and journals it printed.
func printReceipt(key: String, paymentID: String, journal: any PaymentJournal, backend: any BackendClient, printer: ReceiptPrinterFile, logger: Logger) async throws {
    let receipt = try await backend.receipt(paymentID: paymentID)
    let fresh = try printer.printOnce(receipt.receiptNumber)
    logger.notice(fresh ? "receipt printed" : "receipt already printed (found in the printer's history)", metadata: ["payment_id": "\(paymentID)"])
    try await journal.recordReceipt(key: key, .printed, at: Date())
}
