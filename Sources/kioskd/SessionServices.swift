import KioskBackendAPI
import KioskCore
import KioskSession
import KioskSimulators
import Logging
import ServiceLifecycle

/// The resident session of `kioskd --demo`: a SessionController on simulated devices, taking no
/// resident until start-up reconciliation has settled the journal.
///
/// Production kiosks get the same controller once the PC/SC, libusb and CUPS drivers land.
struct SessionServices {
    let controller: SessionController
    let gate: SettlementGate

    static func demo(configuration: KioskConfiguration, cardReader: any CardReader, scanner: any BarcodeScanner, backend: any BackendClient, journal: any PaymentJournal,
                     reconciliation: ReconciliationService, logger: Logger) async -> SessionServices {
        let devices = SessionController.Devices(cardReader: cardReader, scanner: scanner, printer: SimulatedPrinter())
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
