import KioskCore

/// What `GET /v1/status` on the admin socket answers; `kioskctl status` prints it.
public struct KioskStatus: Codable, Sendable, Equatable {
    public var version: String
    public var kioskID: String
    public var mode: Mode
    public var startedAt: String
    public var uptimeSeconds: Int
    public var configVersion: Int
    public var configPath: String
    public var devices: [DeviceStatus]
    public var backend: BackendReachability
    /// The payment journal: unresolved intents, owed receipts, the last reconciliation; nil when it cannot be read.
    public var journal: JournalStatus?
    /// The resident session's state (e.g. `attract`, `outOfService`); nil when no session runs.
    public var session: String?
    /// Maintenance mode: off, pending (a resident is still being served) or active, with its reason; nil from a kioskd without it.
    public var maintenance: MaintenanceStatus?

    public enum Mode: String, Codable, Sendable {
        case production
        case demo
    }

    public init(
        version: String, kioskID: String, mode: Mode, startedAt: String, uptimeSeconds: Int,
        configVersion: Int, configPath: String, devices: [DeviceStatus], backend: BackendReachability, journal: JournalStatus? = nil,
        session: String? = nil, maintenance: MaintenanceStatus? = nil
    ) {
        self.version = version
        self.kioskID = kioskID
        self.mode = mode
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.configVersion = configVersion
        self.configPath = configPath
        self.devices = devices
        self.backend = backend
        self.journal = journal
        self.session = session
        self.maintenance = maintenance
    }
}

/// The journal as technicians see it: where it is, its counts, or why it cannot be read.
public struct JournalStatus: Codable, Sendable, Equatable {
    public var path: String
    public var summary: JournalSummary?
    /// Why the journal could not be read (then `summary` is nil).
    public var problem: String?

    public init(path: String, summary: JournalSummary?, problem: String? = nil) {
        self.path = path
        self.summary = summary
        self.problem = problem
    }
}

public struct BackendReachability: Codable, Sendable, Equatable {
    public var url: String
    public var reachable: Bool
    public var detail: String

    public init(url: String, reachable: Bool, detail: String) {
        self.url = url
        self.reachable = reachable
        self.detail = detail
    }
}
