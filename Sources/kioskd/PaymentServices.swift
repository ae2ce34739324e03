import KioskBackendAPI
import KioskCore
import KioskSession
import Logging

/// The payment journal and its start-up reconciliation with the backend.
struct PaymentServices {
    let journal: SQLitePaymentJournal
    let backend: HTTPSBackendClient?
    /// Nil when no backend client could be made (e.g. missing TLS files): the journal stays
    /// unresolved and `kioskctl status` shows it.
    let reconciliation: ReconciliationService?

    static func make(configuration: KioskConfiguration, logger: Logger) throws(KioskError) -> PaymentServices {
        let journal = try SQLitePaymentJournal(path: configuration.journal.path)
        let backend: HTTPSBackendClient?
        do {
            backend = try HTTPSBackendClient(settings: BackendClientSettings(configuration.backend))
        } catch {
            logger.error("no backend client, payments are not reconciled: \(error)")
            backend = nil
        }
        let reconciliation = backend.map { client in
            ReconciliationService(reconciler: PaymentReconciler(journal: journal, backend: client, logger: logger), logger: logger)
        }
        return PaymentServices(journal: journal, backend: backend, reconciliation: reconciliation)
    }

    func shutdown() async {
        await backend?.shutdown()
        try? journal.close()
    }
}
