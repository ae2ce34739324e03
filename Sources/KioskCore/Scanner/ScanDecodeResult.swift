/// What a scanner decoder made of one report (or of the time passing).
public enum ScanDecodeResult: Sendable, Equatable, CustomStringConvertible {
    /// More reports or keys are needed (or the report was not for the decoder).
    case pending
    /// One complete code.
    case scan(DecodedScan)
    /// A partial or malformed code was dropped; the reason never contains any of the code.
    case discarded(String)

    public var description: String {
        switch self {
        case .pending: "pending"
        case .scan(let scan): "\(scan)"
        case .discarded(let reason): "discarded: \(reason)"
        }
    }
}
