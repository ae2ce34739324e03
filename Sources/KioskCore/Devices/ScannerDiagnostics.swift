/// What technicians see of the scanner through the admin API (`kioskctl scanner …`).
/// Scans appear only as `ScanReport`s: pay codes keep their last 4 digits, nothing else of a code is shown.
public protocol ScannerDiagnostics: Sendable {
    /// The scanner as it is now: which device, its mode, whether it is attached.
    func scannerInfo() async -> ScannerInfo
    /// Events from now on: the device attached or detached, each decoded scan (masked), dropped partial codes, faults.
    func watch() -> AsyncStream<ScannerWatchEvent>
}

public struct ScannerInfo: Sendable, Codable, Equatable {
    /// e.g. "Newland NLS-FM430 1eab:1d06 on bus 1 address 2"; nil while no scanner is attached.
    public var device: String?
    public var mode: ScannerMode?
    public var attached: Bool
    /// The same line `kioskctl status` shows for the scanner.
    public var status: DeviceStatus

    public init(device: String?, mode: ScannerMode?, attached: Bool, status: DeviceStatus) {
        self.device = device
        self.mode = mode
        self.attached = attached
        self.status = status
    }
}

/// One line of `kioskctl scanner watch` (NDJSON on the wire).
public struct ScannerWatchEvent: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case attached
        case detached
        case scan
        /// A partial or malformed code was dropped (the reason, never the content).
        case discarded
        case fault
    }

    public var kind: Kind
    public var device: String?
    public var mode: ScannerMode?
    public var scan: ScanReport?
    /// Why a device detached, a code was dropped or a fault happened (never the code's content).
    public var detail: String?

    public init(kind: Kind, device: String? = nil, mode: ScannerMode? = nil, scan: ScanReport? = nil, detail: String? = nil) {
        self.kind = kind
        self.device = device
        self.mode = mode
        self.scan = scan
        self.detail = detail
    }
}
