/// Why a virtual card could not be inserted into vpcd.
public enum VirtualCardConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Connection refused: no vpcd reader (or no pcscd) on that port.
    case nothingListening(host: String, port: UInt16)
    case unresolvableHost(String, reason: String)
    case connectFailed(host: String, port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .nothingListening(let host, let port):
            "nothing listens on \(host):\(port) — is pcscd running with a vpcd reader on that port?"
        case .unresolvableHost(let host, let reason):
            "cannot resolve \(host): \(reason)"
        case .connectFailed(let host, let port, let reason):
            "cannot connect to \(host):\(port): \(reason)"
        }
    }
}
