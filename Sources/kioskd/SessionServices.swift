import KioskBackendAPI
import KioskCore
import KioskSession
import Logging
import ServiceLifecycle

/// The resident session: a SessionController on the kiosk's devices (PC/SC, libusb and CUPS in
/// production, simulated with `--demo`), taking no resident until start-up reconciliation has
/// settled the journal.
struct SessionServices {
    let controller: SessionController
    let gate: SettlementGate

    static func make(configuration: KioskConfiguration, devices: SessionController.Devices, backend: any BackendClient, journal: any PaymentJournal,
                     reconciliation: ReconciliationService, logger: Logger) async -> SessionServices {
        let controller = SessionController(
            settings: SessionSettings(configuration), kioskID: configuration.kiosk.id, devices: devices,
            backend: backend, journal: journal, logger: logger
        )
        // Before the group starts: no resident may begin while the journal is still being reconciled.
        let gate = SettlementGate(reconciliation: reconciliation, controller: controller)
        await gate.closeUnlessSettled()
        return SessionServices(controller: controller, gate: gate)
    }
}
