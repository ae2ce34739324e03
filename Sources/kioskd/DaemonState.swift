import Foundation
import KioskCore
import KioskDevices
import KioskServer

/// The running daemon's configuration (replaced on reload) and what it reports on the admin API.
actor DaemonState: StatusReporting {
    private(set) var configuration: KioskConfiguration
    let configPath: String
    let mode: KioskStatus.Mode
    private let database: DeviceDatabase
    private let startedAt = Date()

    init(configuration: KioskConfiguration, configPath: String, mode: KioskStatus.Mode, database: DeviceDatabase) {
        self.configuration = configuration
        self.configPath = configPath
        self.mode = mode
        self.database = database
    }

    func replaceConfiguration(_ configuration: KioskConfiguration) {
        self.configuration = configuration
    }

    func currentStatus() async -> KioskStatus {
        let configuration = configuration
        let devices = configuration.devices
        let database = database
        // Probes block in C libraries (pcscd, libusb, IPP): run them off the actor, concurrently.
        async let ssc = Task.detached { ReaderStatusProbe(database: database).status(role: .sscReader, selector: devices.sscReader) }.value
        async let idcard = Task.detached { ReaderStatusProbe(database: database).status(role: .idcardReader, selector: devices.idcardReader) }.value
        async let scanner = Task.detached { ScannerStatusProbe(database: database).status(selector: devices.scanner) }.value
        async let printer = Task.detached { PrinterStatusProbe().status(selector: devices.printer) }.value
        async let backend = BackendReachabilityProbe(settings: configuration.backend).check()
        return await KioskStatus(
            version: KioskVersion.current,
            kioskID: configuration.kiosk.id,
            mode: mode,
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            uptimeSeconds: Int(Date().timeIntervalSince(startedAt)),
            configVersion: configuration.kiosk.configVersion,
            configPath: configPath,
            devices: [ssc, idcard, scanner, printer],
            backend: backend
        )
    }
}
