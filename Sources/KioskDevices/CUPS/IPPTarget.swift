import KioskConfig
import KioskCore

/// Where a printer selector points: an IPP printer reached directly, or a queue of the local CUPS server.
enum IPPTarget: Sendable, Equatable {
    case printerURI(String)
    case cupsQueue(String)

    /// The target, or why the selector names no IPP printer (a configuration problem).
    /// `auto` asks the CUPS server for its default destination, which blocks.
    static func resolve(_ selector: PrinterSelector) -> Result<IPPTarget, KioskError> {
        switch selector {
        case .simulated:
            return .failure(KioskError(.printerUnreachable, "the simulated printer runs only with kioskd --demo"))
        case .ipp(let uri):
            return .success(.printerURI(uri))
        case .cupsQueue(let queue):
            return .success(.cupsQueue(queue))
        case .auto:
            guard let queue = IPPConnection.defaultQueueName() else {
                return .failure(KioskError(.printerUnreachable, "CUPS has no default printer — is cups running? set devices.printer"))
            }
            return .success(.cupsQueue(queue))
        }
    }
}

extension IPPConnection {
    convenience init(_ target: IPPTarget, timeoutMilliseconds: Int32) throws(KioskError) {
        switch target {
        case .printerURI(let uri): try self.init(printerURI: uri, timeoutMilliseconds: timeoutMilliseconds)
        case .cupsQueue(let queue): try self.init(cupsQueue: queue, timeoutMilliseconds: timeoutMilliseconds)
        }
    }

    /// Resolves the selector and connects; every failure is a `printer.unreachable` error.
    convenience init(_ selector: PrinterSelector, timeoutMilliseconds: Int32) throws(KioskError) {
        try self.init(IPPTarget.resolve(selector).get(), timeoutMilliseconds: timeoutMilliseconds)
    }
}
