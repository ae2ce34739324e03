import KioskBackendAPI
import KioskCore
import KioskSession
import Logging

/// The payment journal and its start-up reconciliation with the backend.
struct PaymentServices {
    let journal: SQLitePaymentJournal
    /// What every part holds; a configuration update can replace the client inside.
    let backend: SwitchableBackendClient?
    /// The client made at start-up (for `kioskctl diag`'s clock and certificate checks).
    let initialClient: HTTPSBackendClient?
    /// Nil when no backend client could be made (e.g. missing TLS files): the journal stays
    /// unresolved and `kioskctl status` shows it.
    let reconciliation: ReconciliationService?

    static func make(configuration: KioskConfiguration, logger: Logger) throws(KioskError) -> PaymentServices {
        let journal = try SQLitePaymentJournal(path: configuration.journal.path)
        let client: HTTPSBackendClient?
        do {
            client = try HTTPSBackendClient(settings: BackendClientSettings(configuration.backend))
        } catch {
            logger.error("no backend client, payments are not reconciled: \(error)")
            client = nil
        }
        let backend = client.map { SwitchableBackendClient($0) }
        let reconciliation = backend.map { client in
            ReconciliationService(reconciler: PaymentReconciler(journal: journal, backend: client, logger: logger), logger: logger)
        }
        return PaymentServices(journal: journal, backend: backend, initialClient: client, reconciliation: reconciliation)
    }

    func shutdown() async {
        await (backend?.client as? HTTPSBackendClient)?.shutdown()
        try? journal.close()
    }
}
