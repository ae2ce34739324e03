import Foundation
import KioskAPI
import KioskCore
import KioskServer
import KioskSession

/// `kioskctl maintenance on|off`: the request is kept here (reason, since when); the session decides
/// when it takes effect — at once when no resident is being served, otherwise when that session ends.
/// Maintenance lasts until turned off or until kioskd restarts.
extension KioskStatusReporter: MaintenanceControl {
    public func maintenanceStatus() async -> MaintenanceStatus {
        let sessionState = await session?.state.kind
        guard let request = maintenanceRequest else { return MaintenanceStatus(state: .off, session: sessionState?.rawValue) }
        // Without a resident session nobody can be served, so maintenance holds at once.
        let active = sessionState.map { $0 == .maintenance } ?? true
        return MaintenanceStatus(state: active ? .active : .pending, reason: request.reason,
                                 since: ISO8601DateFormatter().string(from: request.since), session: sessionState?.rawValue)
    }

    public func startMaintenance(reason: String) async -> MaintenanceChange {
        let previous = await maintenanceStatus().state
        maintenanceRequest = (reason, maintenanceRequest?.since ?? wallClock.now())
        await session?.send(.maintenanceRequested)
        return MaintenanceChange(previous: previous, current: await maintenanceStatus())
    }

    public func endMaintenance() async -> MaintenanceChange {
        let previous = await maintenanceStatus().state
        maintenanceRequest = nil
        await session?.send(.maintenanceEnded)
        return MaintenanceChange(previous: previous, current: await maintenanceStatus())
    }
}
