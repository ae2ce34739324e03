import KioskCore
import KioskDevices
import KioskSession
import KioskSimulators

/// The kiosk's receipt printer: CUPS/IPP in production, the simulated printer with `--demo`.
/// Everything holds `printer`, whose CUPS driver a configuration update can replace.
struct PrinterServices {
    let printer: SwitchablePrinter
    /// The CUPS printer in production at start-up (its status replaces the probe in `kioskctl status`).
    let cups: CUPSPrinter?
    /// The demo's printer, whose paper the demo controls empty and refill.
    let simulated: SimulatedPrinter?

    static func make(demo: Bool, configuration: KioskConfiguration, database: DeviceDatabase) throws(KioskError) -> PrinterServices {
        if demo || configuration.devices.printer == .simulated {
            let simulated = SimulatedPrinter()
            return PrinterServices(printer: SwitchablePrinter(.init(printer: simulated, diagnostics: simulated, history: nil)), cups: nil, simulated: simulated)
        }
        let (driver, cups) = try cupsDriver(configuration: configuration, database: database)
        return PrinterServices(printer: SwitchablePrinter(driver), cups: cups, simulated: nil)
    }

    /// A CUPS driver for the configured destination and `Devices/printers` model.
    static func cupsDriver(configuration: KioskConfiguration, database: DeviceDatabase) throws(KioskError) -> (SwitchablePrinter.Driver, CUPSPrinter) {
        let devices = configuration.devices
        guard let model = database.printers.first(where: { $0.id == devices.printerModel }) else {
            let known = database.printers.map(\.id).sorted().joined(separator: ", ")
            throw KioskError(.configInvalid, "devices.printer_model: no profile \"\(devices.printerModel)\" in \(devices.database)/printers (known: \(known))")
        }
        let cups = CUPSPrinter(selector: devices.printer, model: model, jobTimeout: .milliseconds(devices.printJobTimeoutMilliseconds))
        let diagnostics = CUPSPrinterDiagnostics(printer: cups, model: model, kioskID: configuration.kiosk.id)
        return (SwitchablePrinter.Driver(printer: cups, diagnostics: diagnostics, history: cups), cups)
    }
}
