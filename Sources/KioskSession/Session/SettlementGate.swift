import KioskCore
import ServiceLifecycle

/// Takes the kiosk out of service while the journal holds unreconciled payments, and back in once
/// settled; passes the session's "reconcile now" (a payment left unresolved, a journal write that
/// failed) on to the reconciliation service at once.
public struct SettlementGate: Service {
    let reconciliation: ReconciliationService
    let controller: SessionController

    public init(reconciliation: ReconciliationService, controller: SessionController) {
        self.reconciliation = reconciliation
        self.controller = controller
    }

    /// Call before the services start, so no resident can begin before the first answer.
    public func closeUnlessSettled() async {
        if !reconciliation.isSettled { await controller.send(.serviceDegraded(.journalUnsettled)) }
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await settled in reconciliation.settlement().cancelOnGracefulShutdown() {
                    await controller.send(settled ? .serviceRestored(.journalUnsettled) : .serviceDegraded(.journalUnsettled))
                }
            }
            group.addTask {
                for await _ in controller.reconciliationNeeded.cancelOnGracefulShutdown() {
                    reconciliation.reconcileSoon()
                }
            }
            // The settlement stream ends when reconciliation stops: then nothing is left to pass on.
            await group.next()
            group.cancelAll()
        }
    }
}
