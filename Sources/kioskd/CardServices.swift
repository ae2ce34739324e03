import KioskCore
import KioskDevices
import KioskSimulators
import Logging
import ServiceLifecycle

/// The kiosk's card slots: PC/SC readers in production, the simulated reader with `--demo`.
struct CardServices {
    let reader: any CardReader
    let diagnostics: any CardDiagnostics
    /// The PC/SC reader's monitor, run by the service group (nil in demo mode).
    let pcsc: PCSCCardReader?
    /// The demo's slots, filled by hand (and by the UI's demo controls).
    let simulated: SimulatedCardReader?

    static func make(demo: Bool, configuration: KioskConfiguration, database: DeviceDatabase, logger: Logger) -> CardServices {
        if demo {
            let simulated = SimulatedCardReader()
            return CardServices(reader: simulated, diagnostics: simulated, pcsc: nil, simulated: simulated)
        }
        let pcsc = PCSCCardReader(devices: configuration.devices, database: database, logger: logger)
        return CardServices(reader: pcsc, diagnostics: pcsc, pcsc: pcsc, simulated: nil)
    }
}
