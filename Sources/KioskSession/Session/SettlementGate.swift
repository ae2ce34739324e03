import KioskCore
import ServiceLifecycle

/// Takes the kiosk out of service while the journal holds unreconciled payments, and back in once settled.
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
        for await settled in reconciliation.settlement().cancelOnGracefulShutdown() {
            await controller.send(settled ? .serviceRestored : .serviceDegraded(.journalUnsettled))
        }
    }
}
