import KioskCore
import KioskDevices
import KioskSimulators

/// The kiosk's receipt printer: CUPS/IPP in production, the simulated printer with `--demo`.
struct PrinterServices {
    let printer: any ReceiptPrinter
    let diagnostics: any PrinterDiagnostics
    /// The CUPS printer in production (its status replaces the probe in `kioskctl status`).
    let cups: CUPSPrinter?
    /// The demo's printer, whose paper the demo controls empty and refill.
    let simulated: SimulatedPrinter?

    static func make(demo: Bool, configuration: KioskConfiguration, database: DeviceDatabase) throws(KioskError) -> PrinterServices {
        if demo || configuration.devices.printer == .simulated {
            let simulated = SimulatedPrinter()
            return PrinterServices(printer: simulated, diagnostics: simulated, cups: nil, simulated: simulated)
        }
        let devices = configuration.devices
        guard let model = database.printers.first(where: { $0.id == devices.printerModel }) else {
            let known = database.printers.map(\.id).sorted().joined(separator: ", ")
            throw KioskError(.configInvalid, "devices.printer_model: no profile \"\(devices.printerModel)\" in \(devices.database)/printers (known: \(known))")
        }
        let cups = CUPSPrinter(selector: devices.printer, model: model, jobTimeout: .milliseconds(devices.printJobTimeoutMilliseconds))
        return PrinterServices(printer: cups, diagnostics: CUPSPrinterDiagnostics(printer: cups, model: model, kioskID: configuration.kiosk.id),
                               cups: cups, simulated: nil)
    }
}
