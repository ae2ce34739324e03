import KioskConfig
import KioskCore

/// Reads the configured printer's IPP state and maps it to XFS4IoT device state and paper supply
/// (the mapping is `PrinterCondition`'s). Blocks for up to about twice the timeout.
public struct PrinterStatusProbe: Sendable {
    public let timeoutMilliseconds: Int32

    public init(timeoutMilliseconds: Int32 = 2000) {
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    public func status(selector: PrinterSelector) -> DeviceStatus {
        let target: IPPTarget
        switch IPPTarget.resolve(selector) {
        case .success(let resolved): target = resolved
        case .failure(let problem):
            return DeviceStatus(role: .printer, selector: selector.description, state: .noDevice, requiredAction: .configuration, detail: problem.message)
        }
        do throws(KioskError) {
            let printer = try IPPConnection(target, timeoutMilliseconds: timeoutMilliseconds).printerState()
            return PrinterCondition(printer).deviceStatus(selector: selector)
        } catch {
            return DeviceStatus(role: .printer, selector: selector.description, state: .offline, requiredAction: .maintenance, detail: error.message)
        }
    }
}
