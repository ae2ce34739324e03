import KioskConfig
import KioskCore
import KioskDevices
import KioskSession
import KioskSimulators
import Logging
import ServiceLifecycle

/// The kiosk's devices: PC/SC readers, the libusb scanner and the CUPS printer in production, or
/// the simulated ones that `--demo` (and in-process tests) drive by hand.
public struct DeviceSet: Sendable {
    public let cardReader: any CardReader
    public let cardDiagnostics: any CardDiagnostics
    /// Nil in production when the configuration names the simulated scanner (it runs only with --demo).
    public let scanner: (any BarcodeScanner)?
    public let scannerDiagnostics: (any ScannerDiagnostics)?
    /// What every part holds; a configuration update can replace the CUPS driver inside.
    public let printer: SwitchablePrinter
    /// The hardware drivers: the service group runs the card slots' back ends (pcscd's monitor, a
    /// serial reader's polling) and the scanner's event loop, and their own status replaces a probe of the hardware.
    let cards: CardSlots?
    var pcsc: PCSCCardReader? { cards?.pcsc }
    let usb: LibUSBScanner?
    /// With --demo: the devices the demo controls (and tests) put cards in, scan with and empty of paper.
    public let simulated: Simulated?

    public struct Simulated: Sendable {
        public let cards: SimulatedCardReader
        public let scanner: SimulatedScanner
        public let printer: SimulatedPrinter
    }

    /// The devices the configuration names, from the `Devices/` database. `wallClock` dates the cards'
    /// validity checks (expiry, the ID card's period).
    public static func hardware(configuration: KioskConfiguration, database: DeviceDatabase, clock: any Clock<Duration>, wallClock: WallClock,
                                logger: Logger) throws(KioskError) -> DeviceSet {
        let today: @Sendable () -> CalendarDate = { CalendarDate.today(by: wallClock) }
        // A slot named by its model (model:…) takes the model's PC/SC names or driver.
        var devices = configuration.devices
        devices.sscReader = try devices.sscReader.resolved(slot: .socialSecurityCard, key: "ssc_reader", database: database)
        devices.idcardReader = try devices.idcardReader.resolved(slot: .idCard, key: "idcard_reader", database: database)
        let pcsc = PCSCCardReader(devices: devices, database: database, today: today, logger: logger)
        var ga467: GA467Reader?
        if let port = ga467Port(devices.idcardReader) {
            ga467 = GA467Reader(port: port, settings: .init(commandTimeout: .milliseconds(configuration.devices.cardCommandTimeoutMilliseconds)),
                                clock: clock, today: today, logger: logger)
        }
        var sscLibrary: SSCLibraryReader?
        if case .library(let address) = devices.sscReader {
            sscLibrary = SSCLibraryReader(libraryPath: address.libraryPath, settings: .init(cardType: address.cardType), clock: clock,
                                          today: today, logger: logger)
        }
        let cards = CardSlots(pcsc: pcsc, ownReaders: [sscLibrary as (any SlotReader)?, ga467].compactMap { $0 })
        let usb = configuration.devices.scanner == .simulated ? nil
            : LibUSBScanner(selector: configuration.devices.scanner, database: database, clock: clock, logger: logger)
        let printer: SwitchablePrinter
        if configuration.devices.printer == .simulated {
            let simulated = SimulatedPrinter(render: simulatedReceiptImage)
            printer = SwitchablePrinter(.init(printer: simulated, diagnostics: simulated, history: nil))
        } else {
            printer = SwitchablePrinter(try cupsDriver(configuration: configuration, database: database, clock: clock))
        }
        return DeviceSet(cardReader: cards, cardDiagnostics: cards, scanner: usb, scannerDiagnostics: usb, printer: printer,
                         cards: cards, usb: usb, simulated: nil)
    }

    /// The port of an ID-card slot whose SAM kioskd drives itself; nil for a slot on pcscd.
    static func ga467Port(_ selector: ReaderSelector) -> (any GA467Port)? {
        switch selector {
        case .serial(let address): SerialGA467Port(path: address.path, baud: address.baud, clock: ContinuousClock())
        case .sdtapi(let address): SDTAPIPort(libraryPath: address.libraryPath, portNumber: address.port)
        case .auto, .simulated, .namePattern, .library, .model: nil
        }
    }

    /// The simulated printer's paper: the production renderer's raster for its model, as a PNG.
    static let simulatedReceiptImage: SimulatedPrinter.Render = { document throws(KioskError) in
        try ReceiptRenderer(printer: SimulatedPrinter.model).renderImage(document)
    }

    /// Simulated card slots, scanner and printer.
    public static func simulated() -> DeviceSet {
        let devices = Simulated(cards: SimulatedCardReader(), scanner: SimulatedScanner(), printer: SimulatedPrinter(render: simulatedReceiptImage))
        return DeviceSet(cardReader: devices.cards, cardDiagnostics: devices.cards, scanner: devices.scanner, scannerDiagnostics: devices.scanner,
                         printer: SwitchablePrinter(.init(printer: devices.printer, diagnostics: devices.printer, history: nil)),
                         cards: nil, usb: nil, simulated: devices)
    }

    /// A CUPS driver for the configured destination and `Devices/printers` model.
    static func cupsDriver(configuration: KioskConfiguration, database: DeviceDatabase, clock: any Clock<Duration>) throws(KioskError) -> SwitchablePrinter.Driver {
        let devices = configuration.devices
        guard let model = database.printers.first(where: { $0.id == devices.printerModel }) else {
            let known = database.printers.map(\.id).sorted().joined(separator: ", ")
            throw KioskError(.configInvalid, "devices.printer_model: no profile \"\(devices.printerModel)\" in \(devices.database)/printers (known: \(known))")
        }
        let cups = CUPSPrinter(selector: devices.printer, model: model, jobTimeout: .milliseconds(devices.printJobTimeoutMilliseconds), clock: clock)
        let diagnostics = CUPSPrinterDiagnostics(printer: cups, model: model, kioskID: configuration.kiosk.id)
        return SwitchablePrinter.Driver(printer: cups, diagnostics: diagnostics, history: cups)
    }

    /// The drivers that run as services (in production).
    var services: [any Service] {
        [cards as (any Service)?, usb].compactMap { $0 }
    }

    /// The devices' own status (simulated, or the running drivers'), or a probe of the hardware
    /// where no driver runs. Probes block in C libraries (pcscd, libusb, IPP): they run off the
    /// caller, concurrently.
    func statuses(_ configured: KioskConfiguration.Devices, database: DeviceDatabase) async -> [DeviceStatus] {
        async let printer = printer.printerInfo().status
        if let simulated {
            let slots: [DeviceStatus] = [DeviceRole.sscReader, .idcardReader].map {
                DeviceStatus(role: $0, selector: "simulated", state: .online, detail: "simulated card slot (kioskd --demo)")
            }
            return slots + [await simulated.scanner.scannerInfo().status, await printer]
        }
        let cardReader = cards
        async let ssc = Task.detached {
            cardReader?.status(of: .socialSecurityCard) ?? ReaderStatusProbe(database: database).status(role: .sscReader, selector: configured.sscReader)
        }.value
        async let idcard = Task.detached {
            cardReader?.status(of: .idCard) ?? ReaderStatusProbe(database: database).status(role: .idcardReader, selector: configured.idcardReader)
        }.value
        let usbScanner = usb
        async let scanner = Task.detached { usbScanner?.status() ?? ScannerStatusProbe(database: database).status(selector: configured.scanner) }.value
        return await [ssc, idcard, scanner, printer]
    }
}
