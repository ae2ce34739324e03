import KioskCore

/// Maintenance mode as `GET /v1/maintenance`, `POST /v1/maintenance` and `kioskctl status` show it.
public struct MaintenanceStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        case off
        /// Asked for while a resident is being served: the kiosk shows 设备维护中 once that session ends.
        case pending
        /// The kiosk shows 设备维护中 and takes no resident.
        case active
    }

    public var state: State
    /// What the technician is doing (e.g. 更换打印纸); nil when off.
    public var reason: String?
    /// When maintenance was asked for (ISO 8601); nil when off.
    public var since: String?
    /// The resident session's state now (e.g. `maintenance`, `takingReceipt`); nil when no session runs.
    public var session: String?

    public init(state: State, reason: String? = nil, since: String? = nil, session: String? = nil) {
        self.state = state
        self.reason = reason
        self.since = since
        self.session = session
    }
}

/// The answer to `POST /v1/maintenance`: what maintenance was before, and what it is now.
public struct MaintenanceChange: Codable, Sendable, Equatable {
    public var previous: MaintenanceStatus.State
    public var current: MaintenanceStatus

    public init(previous: MaintenanceStatus.State, current: MaintenanceStatus) {
        self.previous = previous
        self.current = current
    }
}
