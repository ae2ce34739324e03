import KioskAPI
import KioskCore

/// Maintenance mode: what `kioskctl maintenance` changes. The daemon implements it over the
/// resident session, which enters maintenance only once no resident is being served.
public protocol MaintenanceControl: Sendable {
    func maintenanceStatus() async -> MaintenanceStatus
    /// Asks for maintenance with `reason` (already validated); asked again, only the reason changes.
    func startMaintenance(reason: String) async -> MaintenanceChange
    func endMaintenance() async -> MaintenanceChange
}
