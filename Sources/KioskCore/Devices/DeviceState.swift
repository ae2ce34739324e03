/// Device states in XFS4IoT's vocabulary (common.status.device).
public enum DeviceState: String, Codable, Sendable, CaseIterable {
    case online
    case offline
    case noDevice
    case hardwareError
    case userError
    case busy
}

/// What a technician must do to clear a fault (XFS4IoT's "required action" idea).
public enum RequiredAction: String, Codable, Sendable {
    case reset
    case maintenance
    case clear
    case configuration
}

/// The roles a kiosk's devices play; configuration and status are keyed by role.
public enum DeviceRole: String, Codable, Sendable, CaseIterable {
    case sscReader
    case idcardReader
    case scanner
    case printer

    /// How technicians read the role on screen and in `kioskctl`.
    public var label: String {
        switch self {
        case .sscReader: "SSC reader"
        case .idcardReader: "ID-card reader"
        case .scanner: "scanner"
        case .printer: "printer"
        }
    }
}

/// One device's reported condition, as the admin API and `kioskctl status` show it.
public struct DeviceStatus: Codable, Sendable, Equatable {
    public var role: DeviceRole
    /// The configured selector, e.g. `auto`, `simulated`, `ipp://…`.
    public var selector: String
    public var state: DeviceState
    public var requiredAction: RequiredAction?
    /// Which device answered (reader name, VID:PID, printer URI), or why none did.
    public var detail: String
    /// Printers only: the paper supply.
    public var paper: PaperSupply?

    public init(role: DeviceRole, selector: String, state: DeviceState, requiredAction: RequiredAction? = nil, detail: String) {
        self.role = role
        self.selector = selector
        self.state = state
        self.requiredAction = requiredAction
        self.detail = detail
    }
}

/// Printer paper supply (XFS4IoT printer.status.paper).
public enum PaperSupply: String, Codable, Sendable {
    case full
    case low
    case out
    case jammed
}
