import Foundation
import KioskCore
import KioskDevices
import KioskBackendAPI
import KioskServer
import KioskSession

/// The running daemon's configuration (replaced on reload) and what it reports on the admin API.
actor DaemonState: StatusReporting {
    private(set) var configuration: KioskConfiguration
    let configPath: String
    let mode: KioskStatus.Mode
    private let database: DeviceDatabase
    /// The embedded sandbox in demo mode: it replaces backend.url and is where its QR and checking
    /// links may point, on reload too.
    private let demoSandbox: DemoSandboxEndpoints?
    private let startedAt = Date()
    private var journal: (any PaymentJournal)?
    private(set) var session: SessionController?
    /// Maintenance mode asked for with `kioskctl maintenance on`: its reason and when (nil when off).
    var maintenanceRequest: (reason: String, since: Date)?
    /// The running PC/SC reader knows its slots' faults; without it the status probes ask pcscd.
    private(set) var cardReader: PCSCCardReader?
    /// The running USB scanner knows whether it is attached; without it the probe looks at the bus.
    private var scanner: LibUSBScanner?
    private(set) var printer: CUPSPrinter?
    /// For `kioskctl diag`: the backend's clock.
    private(set) var backend: HTTPSBackendClient?
    /// Signed bundles and rollbacks: their state in `kioskctl diag`.
    private(set) var configurationUpdates: (any ConfigurationControl)?
    /// With --demo: the simulated devices' own status, instead of probing hardware the demo does not use.
    private var simulatedDevices: (@Sendable () async -> [DeviceStatus])?

    init(configuration: KioskConfiguration, configPath: String, mode: KioskStatus.Mode, database: DeviceDatabase, demoSandbox: DemoSandboxEndpoints? = nil) {
        self.configPath = configPath
        self.mode = mode
        self.database = database
        self.demoSandbox = demoSandbox
        self.configuration = demoSandbox?.applied(to: configuration) ?? configuration
    }

    func attach(journal: any PaymentJournal) {
        self.journal = journal
    }

    func attach(session: SessionController) {
        self.session = session
    }

    func attach(cardReader: PCSCCardReader) {
        self.cardReader = cardReader
    }

    func attach(scanner: LibUSBScanner) {
        self.scanner = scanner
    }

    func attach(simulatedDevices: @escaping @Sendable () async -> [DeviceStatus]) {
        self.simulatedDevices = simulatedDevices
    }

    func attach(printer: CUPSPrinter) {
        self.printer = printer
    }

    func attach(backend: HTTPSBackendClient?) {
        self.backend = backend
    }

    func attach(configurationUpdates: any ConfigurationControl) {
        self.configurationUpdates = configurationUpdates
    }

    func replaceConfiguration(_ configuration: KioskConfiguration) {
        self.configuration = effective(configuration)
    }

    /// `configuration` as this daemon runs it: with --demo, on the embedded sandbox.
    nonisolated func effective(_ configuration: KioskConfiguration) -> KioskConfiguration {
        demoSandbox?.applied(to: configuration) ?? configuration
    }

    func currentStatus() async -> KioskStatus {
        let configuration = configuration
        async let devices = deviceStatuses(configuration.devices)
        async let backend = BackendReachabilityProbe(settings: configuration.backend).check()
        let journalStatus = await journalStatus(path: configuration.journal.path)
        let sessionState = await session?.state.kind.rawValue
        return await KioskStatus(
            version: KioskVersion.current,
            kioskID: configuration.kiosk.id,
            mode: mode,
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            uptimeSeconds: Int(Date().timeIntervalSince(startedAt)),
            configVersion: configuration.kiosk.configVersion,
            configPath: configPath,
            devices: devices,
            backend: backend,
            journal: journalStatus,
            session: sessionState,
            maintenance: await maintenanceStatus()
        )
    }

    /// The devices alone (the metrics' gauges): no backend probe, no journal query.
    func currentDevices() async -> [DeviceStatus] {
        await deviceStatuses(configuration.devices)
    }

    private func deviceStatuses(_ devices: KioskConfiguration.Devices) async -> [DeviceStatus] {
        if let simulatedDevices { return await simulatedDevices() }
        return await probedDevices(devices)
    }

    /// The running drivers' own status, or a probe of the hardware where no driver runs.
    /// Probes block in C libraries (pcscd, libusb, IPP): they run off the actor, concurrently.
    private func probedDevices(_ devices: KioskConfiguration.Devices) async -> [DeviceStatus] {
        let database = database
        let cardReader = cardReader
        async let ssc = Task.detached {
            cardReader?.status(of: .socialSecurityCard) ?? ReaderStatusProbe(database: database).status(role: .sscReader, selector: devices.sscReader)
        }.value
        async let idcard = Task.detached {
            cardReader?.status(of: .idCard) ?? ReaderStatusProbe(database: database).status(role: .idcardReader, selector: devices.idcardReader)
        }.value
        let usbScanner = scanner
        async let scanner = Task.detached { usbScanner?.status() ?? ScannerStatusProbe(database: database).status(selector: devices.scanner) }.value
        let cupsPrinter = printer
        async let printer: DeviceStatus = {
            if let cupsPrinter { return await cupsPrinter.condition().status }
            return await Task.detached { PrinterStatusProbe().status(selector: devices.printer) }.value
        }()
        return await [ssc, idcard, scanner, printer]
    }

    private func journalStatus(path: String) async -> JournalStatus {
        guard let journal else { return JournalStatus(path: path, summary: nil, problem: "not open") }
        do {
            return JournalStatus(path: path, summary: try await journal.summary(now: Date()))
        } catch {
            return JournalStatus(path: path, summary: nil, problem: "\(error)")
        }
    }
}
