import KioskCore

/// Reads the configured printer's IPP state and maps it to XFS4IoT device state and paper supply.
public struct PrinterStatusProbe: Sendable {
    public let timeoutMilliseconds: Int32

    public init(timeoutMilliseconds: Int32 = 2000) {
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    public func status(selector: PrinterSelector) -> DeviceStatus {
        func report(_ state: DeviceState, _ action: RequiredAction?, _ detail: String, paper: PaperSupply? = nil) -> DeviceStatus {
            var status = DeviceStatus(role: .printer, selector: selector.description, state: state, requiredAction: action, detail: detail)
            status.paper = paper
            return status
        }
        let connection: IPPConnection
        do {
            switch selector {
            case .simulated:
                return report(.noDevice, .configuration, "the simulated printer runs only with kioskd --demo")
            case .ipp(let uri):
                connection = try IPPConnection(printerURI: uri, timeoutMilliseconds: timeoutMilliseconds)
            case .cupsQueue(let queue):
                connection = try IPPConnection(cupsQueue: queue, timeoutMilliseconds: timeoutMilliseconds)
            case .auto:
                guard let queue = IPPConnection.defaultQueueName() else {
                    return report(.noDevice, .configuration, "CUPS has no default printer — is cups running? set devices.printer")
                }
                connection = try IPPConnection(cupsQueue: queue, timeoutMilliseconds: timeoutMilliseconds)
            }
            let printer = try connection.printerState()
            return Self.deviceStatus(printer, report: report)
        } catch {
            return report(.offline, .maintenance, error.message)
        }
    }

    private static func deviceStatus(
        _ printer: IPPConnection.PrinterState,
        report: (DeviceState, RequiredAction?, String, PaperSupply?) -> DeviceStatus
    ) -> DeviceStatus {
        let reasons = Set(printer.reasons)
        let detail = ([printer.makeAndModel.isEmpty ? nil : printer.makeAndModel] + [printer.reasons.isEmpty ? nil : printer.reasons.joined(separator: ", ")])
            .compactMap { $0 }.joined(separator: "; ")
        if reasons.contains("media-jam") { return report(.hardwareError, .clear, detail, .jammed) }
        let paper: PaperSupply = reasons.contains("media-empty") || reasons.contains("media-needed") ? .out : reasons.contains("media-low") ? .low : .full
        if paper == .out { return report(.userError, .maintenance, detail, paper) }
        switch printer.state {
        case 5: return report(.hardwareError, .reset, detail.isEmpty ? "printer stopped" : detail, paper)
        case 4: return report(.busy, nil, detail, paper)
        default: return report(.online, nil, detail, paper)
        }
    }
}
