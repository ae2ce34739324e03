import KioskCore
import KioskDevices
import KioskSimulators
import Logging

/// The kiosk's scanner: libusb in production, the simulated scanner with `--demo`.
struct ScannerServices {
    /// Nil in production when the configuration names the simulated scanner (it runs only with --demo).
    let scanner: (any BarcodeScanner)?
    let diagnostics: (any ScannerDiagnostics)?
    /// The USB scanner, run by the service group (nil in demo mode).
    let usb: LibUSBScanner?
    /// The demo's scanner, fed by hand (and by the UI's demo controls).
    let simulated: SimulatedScanner?

    static func make(demo: Bool, configuration: KioskConfiguration, database: DeviceDatabase, clock: any Clock<Duration>, logger: Logger) -> ScannerServices {
        if demo {
            let simulated = SimulatedScanner()
            return ScannerServices(scanner: simulated, diagnostics: simulated, usb: nil, simulated: simulated)
        }
        if configuration.devices.scanner == .simulated {
            return ScannerServices(scanner: nil, diagnostics: nil, usb: nil, simulated: nil)
        }
        let usb = LibUSBScanner(selector: configuration.devices.scanner, database: database, clock: clock, logger: logger)
        return ScannerServices(scanner: usb, diagnostics: usb, usb: usb, simulated: nil)
    }
}
