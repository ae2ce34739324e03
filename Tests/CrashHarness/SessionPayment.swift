import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskSimulators
import Logging
import ServiceLifecycle

/// One pay-code payment made by the kiosk's own SessionController, as a resident would: an ID card
/// is inserted, the enrollment confirmed, the pay code scanned, the receipt taken.
struct SessionPayment {
    let journal: any PaymentJournal
    let backend: any BackendClient
    let printer: ReceiptPrinterFile
    /// The contract's base URL; the sandbox's own routes (the phone paying a QR) are beside it.
    let backendURL: String
    /// Where card payments go (`--pay-code card`).
    let terminal: (any PaymentTerminal)?
    let logger: Logger
    static let kioskID = "NT-CRASH-0001"
    static let limit: Duration = .seconds(60)

    /// Exit status: 0 when the session ended with the payment final, 3 when it did not (unresolved, or not within the limit).
    func run(idNumber: String, name: String, payCode: String, key: String, year: Int) async throws -> Int32 {
        let cards = SimulatedCardReader(), scanner = SimulatedScanner()
        let controller = SessionController(
            settings: SessionSettings(pollIntervalSeconds: 1, paymentMethods: [.payCode, .onScreenQR, .card], insuranceYear: year), kioskID: Self.kioskID,
            devices: .init(cardReader: cards, scanner: scanner, printer: FilePrinter(file: printer), terminal: terminal),
            backend: backend, journal: journal, makeKey: { key }, logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [controller], logger: logger))
        let running = Task { try await group.run() }
        let states = await controller.states()
        try cards.insert(CardHolder(kind: .idCard, name: name, idNumber: idNumber))
        let ended = await withTaskGroup(of: Bool.self) { tasks in
            tasks.addTask { await Self.drive(controller, states: states, scanner: scanner, payCode: payCode, backendURL: backendURL) }
            tasks.addTask {
                try? await Task.sleep(for: Self.limit)
                return false
            }
            let first = await tasks.next() ?? false
            tasks.cancelAll()
            return first
        }
        await group.triggerGracefulShutdown()
        _ = await running.result
        return ended ? 0 : 3
    }

    /// Answers each screen as the resident would; true once the payment's session is over.
    private static func drive(
        _ controller: SessionController, states: AsyncStream<SessionState>, scanner: SimulatedScanner, payCode: String, backendURL: String
    ) async -> Bool {
        var started = false
        var qrPaid = false
        for await state in states {
            switch state {
            case .showingQR(_, let snapshot) where !qrPaid:
                qrPaid = await payOnThePhone(snapshot.paymentID, backendURL: backendURL)
            default: break
            }
            // A failure that settled the payment (a card the backend refused, given back at the terminal) ends it too.
            if case .failed(let problem) = state, started { return problem.code != .paymentUnresolved }
            switch state.kind {
            case .showingEnrollment: await controller.send(.paymentConfirmed)
            case .choosingMethod: await controller.send(.methodChosen(payCode == "qr" ? .onScreenQR : payCode == "card" ? .card : .payCode))
            case .awaitingPayCode: scanner.scan(payCode)
            case .takingReceipt: await controller.send(.receiptTaken)
            case .journalingIntent: started = true
            case .finished, .paymentFailed: return true
            case .attract where started: return true
            case .failed, .outOfService, .unavailable, .alreadyPaid, .printerUnavailable: return false
            default: break
            }
        }
        return false
    }
}

extension SessionPayment {
    /// The resident pays the on-screen QR: the sandbox's `POST /sandbox/payments/{id}/qr-paid`.
    static func payOnThePhone(_ paymentID: String, backendURL: String) async -> Bool {
        let root = backendURL.hasSuffix("/kiosk/v1") ? String(backendURL.dropLast("/kiosk/v1".count)) : backendURL
        guard let url = URL(string: "\(root)/sandbox/payments/\(paymentID)/qr-paid") else { return false }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return false }
        return (response as? HTTPURLResponse)?.statusCode == 204
    }
}

/// The controller's printer: an e-receipt is "printed" by appending its number to the receipts file, once.
struct FilePrinter: ReceiptPrinter {
    let file: ReceiptPrinterFile

    func readiness() async -> PrinterReadiness { .ready() }

    func print(_ document: ReceiptDocument) async throws(KioskError) {
        guard case .electronicReceipt(let receipt) = document else { return }
        do {
            _ = try file.printOnce(receipt.receiptNumber)
        } catch {
            throw KioskError(.printFailed, "cannot append to the receipts file", cause: HarnessError("\(error)"))
        }
    }
}
