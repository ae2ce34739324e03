import ArgumentParser
import Foundation
import KioskBackendAPI
import KioskCore
import KioskDevices
import KioskSession
import Logging

/// One pay-code payment made by the kiosk's SessionController, against a real backend and a real
/// journal; it can SIGKILL itself right before or after any journal commit. `--recover` is the next start-up.
@main
struct CrashHarnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-crash-harness",
        abstract: "Pays once (killing itself at a chosen journal commit) or, with --recover, reconciles and prints owed receipts."
    )

    @Option(help: "Backend base URL, e.g. http://127.0.0.1:8443/kiosk/v1.")
    var backend: String

    @Option(help: "Payment journal (SQLite) file.")
    var journal: String

    @Option(help: "File standing for the printer: one receipt number per printed receipt.")
    var receipts: String

    @Flag(help: "Reconcile the journal with the backend, then print owed receipts.")
    var recover = false

    @Option(help: "Seconds the provider may keep a payment open before recovery reverses it.")
    var window: Int = 120

    @Option(help: "The resident's ID number (payment mode).")
    var idNumber: String?

    @Option(help: "The resident's name (payment mode).")
    var name: String?

    @Option(help: "The scanned pay code (payment mode), \"qr\": the on-screen QR, paid on the phone through the sandbox once shown, or \"card\": at the payment terminal.")
    var payCode: String?

    @Option(help: "The payment terminal (nexo over HTTPS), host:port; with --terminal-root, --terminal-name and --terminal-passphrase.")
    var terminalAddress: String?

    @Option(help: "PEM file of the root the terminal's certificate chains to.")
    var terminalRoot: String?

    @Option(help: "The name the terminal's certificate is issued to.")
    var terminalName: String?

    @Option(help: "The terminal's POIID.")
    var terminalPOIID: String?

    @Option(help: "The passphrase of the terminal's message key (test only).")
    var terminalPassphrase: String?

    @Option(help: "Seconds the kiosk waits for the terminal's answer to a Payment before asking the terminal about it (kiosk.conf payment_timeout_s).")
    var terminalPaymentTimeout: Int = 180

    @Option(help: "Idempotency key of the payment (payment mode).")
    var key: String?

    @Option(help: "Insurance year.")
    var year: Int = 2021

    @Option(help: "SIGKILL right after the Nth journal commit.")
    var killAfter: Int?

    @Option(help: "SIGKILL right before the Nth journal commit.")
    var killBefore: Int?

    func validate() throws {
        if !recover, idNumber == nil || name == nil || payCode == nil || key == nil {
            throw ValidationError("payment mode needs --id-number, --name, --pay-code and --key")
        }
        if terminalPaymentTimeout < 1 { throw ValidationError("--terminal-payment-timeout must be at least 1 second, got \(terminalPaymentTimeout)") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardOutput)
        let logger = Logger(label: "kiosk-crash-harness")
        let client = try HTTPSBackendClient(settings: BackendClientSettings(
            url: backend, connectTimeout: .seconds(2), requestTimeout: .seconds(5), retryBaseDelay: .milliseconds(50)
        ))
        let printer = ReceiptPrinterFile(path: receipts)
        let terminal = try makeTerminal()
        let outcome: Result<Int32, any Error>
        var journalCommits = 0
        do {
            let store = try SQLitePaymentJournal(path: journal)
            let journal = KillSwitchJournal(store, killAfter: killAfter, killBefore: killBefore)
            defer { journalCommits = journal.commitCount }
            if recover {
                let recovery = Recovery(journal: journal, backend: client, printer: printer, window: .seconds(window), terminal: terminal?.terminal, logger: logger)
                outcome = .success(try await recovery.run())
            } else if let idNumber, let name, let payCode, let key {
                let payment = SessionPayment(journal: journal, backend: client, printer: printer, backendURL: backend, terminal: terminal?.terminal, logger: logger)
                outcome = .success(try await payment.run(idNumber: idNumber, name: name, payCode: payCode, key: key, year: year))
            } else {
                outcome = .success(64)
            }
        } catch {
            outcome = .failure(error)
        }
        await client.shutdown()
        await terminal?.transport.shutdown()
        print("commits=\(journalCommits)")
        switch outcome {
        case .success(0): return
        case .success(let status): throw ExitCode(status)
        case .failure(let error):
            logger.error("failed: \(error)")
            throw ExitCode(1)
        }
    }

    /// The nexo driver for `--terminal-…`, as kioskd builds it.
    func makeTerminal() throws -> (terminal: NexoTerminal, transport: HTTPSNexoTransport)? {
        guard let terminalAddress, let terminalRoot, let terminalName, let terminalPOIID, let terminalPassphrase else { return nil }
        let security = try NexoMessageSecurity(keyIdentifier: "kioskd-test", keyVersion: 1, passphrase: terminalPassphrase)
        let settings = NexoTerminalSettings(address: terminalAddress, certificateName: terminalName, trustRoot: .file(terminalRoot),
                                            poiID: terminalPOIID, saleID: SessionPayment.kioskID, security: security,
                                            paymentTimeout: .seconds(terminalPaymentTimeout))
        let transport = try HTTPSNexoTransport(settings: settings)
        return (NexoTerminal(settings: settings, transport: transport, softwareVersion: "crash-harness"), transport)
    }
}
