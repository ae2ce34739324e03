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

    public enum Mode: String, Codable, Sendable {
        case production
        case demo
    }

    public init(
        version: String, kioskID: String, mode: Mode, startedAt: String, uptimeSeconds: Int,
        configVersion: Int, configPath: String, devices: [DeviceStatus], backend: BackendReachability
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
