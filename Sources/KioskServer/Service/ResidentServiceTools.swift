import KioskAPI
import KioskConfig
import KioskCore
import Logging

/// What kioskd lends the resident screen for technicians: the service menu (behind the PIN) and the
/// screen test pattern. The same sources as the admin API's, so the menu shows what `kioskctl diag` shows.
public struct ResidentServiceTools: Sendable {
    public let kioskID: String
    /// nil: no technician PIN configured, so the service menu is disabled.
    let gate: ServiceMenuGate?
    public let overlays: ScreenOverlayHub
    let diagnostics: @Sendable () async -> DiagnosticReport
    let maintenance: (any MaintenanceControl)?
    let printer: (any PrinterDiagnostics)?
    /// True while no resident is being served (attract, maintenance, out of service).
    public let noResidentServed: @Sendable () async -> Bool
    /// When the menu was last touched (it closes when idle) and when PIN attempts were made (kept across restarts).
    let wallClock: WallClock

    /// `journalPath`: the PIN attempts are kept beside the journal, in kioskd's state folder.
    public init(kioskID: String, technicianPIN: TechnicianPINHash?, journalPath: String, overlays: ScreenOverlayHub,
                diagnostics: @escaping @Sendable () async -> DiagnosticReport, maintenance: (any MaintenanceControl)?,
                printer: (any PrinterDiagnostics)?, noResidentServed: @escaping @Sendable () async -> Bool, wallClock: WallClock = .system,
                audit: Logger, logger: Logger) {
        self.kioskID = kioskID
        self.wallClock = wallClock
        self.gate = technicianPIN.map {
            ServiceMenuGate(pin: $0, record: PINLockoutFile(beside: journalPath), wallClock: wallClock, audit: audit, logger: logger)
        }
        self.overlays = overlays
        self.diagnostics = diagnostics
        self.maintenance = maintenance
        self.printer = printer
        self.noResidentServed = noResidentServed
    }
}
