/// Turns the scanner's interrupt-IN reports into codes, in the mode the device speaks.
public enum ScannerReportDecoder: Sendable {
    case hidPOS(HIDPOSDecoder)
    case keyboard(KeyboardScanDecoder)

    public init(mode: ScannerMode, model: ScannerModel) {
        switch mode {
        case .hidPOS: self = .hidPOS(HIDPOSDecoder(layout: model.hidPOS))
        case .keyboard: self = .keyboard(KeyboardScanDecoder(interKeyTimeout: model.interKeyTimeout))
        }
    }

    public mutating func decode(report: [UInt8], at now: Duration) -> ScanDecodeResult {
        switch self {
        case .hidPOS(var decoder):
            let result = decoder.decode(report: report)
            self = .hidPOS(decoder)
            return result
        case .keyboard(var decoder):
            let result = decoder.decode(report: report, at: now)
            self = .keyboard(decoder)
            return result
        }
    }

    /// Drops a keyboard-mode partial code whose inter-key timeout has passed.
    public mutating func expire(at now: Duration) -> ScanDecodeResult {
        guard case .keyboard(var decoder) = self else { return .pending }
        let result = decoder.expire(at: now)
        self = .keyboard(decoder)
        return result
    }

    /// When the event loop must wake to drop a partial code; nil when nothing is pending.
    public var pendingDeadline: Duration? {
        guard case .keyboard(let decoder) = self else { return nil }
        return decoder.pendingDeadline
    }
}
