import Foundation
import KioskAPI
import KioskBackendAPI
import KioskCore
import KioskServer
import KioskSession

/// What the admin API reports: `kioskctl status` and `diag`, and maintenance mode's request.
public actor KioskStatusReporter: StatusReporting {
    let running: RunningConfiguration
    let configPath: String
    let mode: KioskStatus.Mode
    let devices: DeviceStatuses
    let journal: any PaymentJournal
    public let session: SessionController?
    /// For `kioskctl diag`: the backend's clock.
    let backend: SwitchableBackendClient?
    /// Signed bundles and rollbacks: their state in `kioskctl diag`.
    let configurationUpdates: ConfigUpdater
    let wallClock: WallClock
    /// The payment terminal's watch, when `[terminal]` is configured.
    let terminal: TerminalWatch?
    private let startedAt: Date
    /// Maintenance mode asked for with `kioskctl maintenance on`: its reason and when (nil when off).
    var maintenanceRequest: (reason: String, since: Date)?

    init(running: RunningConfiguration, configPath: String, mode: KioskStatus.Mode, devices: DeviceStatuses, journal: any PaymentJournal,
         session: SessionController?, backend: SwitchableBackendClient?, configurationUpdates: ConfigUpdater, terminal: TerminalWatch? = nil,
         wallClock: WallClock) {
        self.terminal = terminal
        self.wallClock = wallClock
        startedAt = wallClock.now()
        self.running = running
        self.configPath = configPath
        self.mode = mode
        self.devices = devices
        self.journal = journal
        self.session = session
        self.backend = backend
        self.configurationUpdates = configurationUpdates
    }

    public func currentStatus() async -> KioskStatus {
        let configuration = running.configuration
        async let devices = devices.current()
        async let backend = BackendReachabilityProbe(settings: configuration.backend).check()
        let journalStatus = await journalStatus(path: configuration.journal.path)
        let sessionState = await session?.state.kind.rawValue
        return await KioskStatus(
            version: KioskVersion.current,
            kioskID: configuration.kiosk.id,
            mode: mode,
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            uptimeSeconds: Int(wallClock.now().timeIntervalSince(startedAt)),
            configVersion: configuration.kiosk.configVersion,
            configPath: configPath,
            devices: devices,
            backend: backend,
            journal: journalStatus,
            session: sessionState,
            maintenance: await maintenanceStatus()
        )
    }

    private func journalStatus(path: String) async -> JournalStatus {
        do {
            return JournalStatus(path: path, summary: try await journal.summary(now: wallClock.now()))
        } catch {
            return JournalStatus(path: path, summary: nil, problem: "\(error)")
        }
    }
}
