/// IPP job-state (RFC 8011 §5.3.7).
public enum PrintJobState: Int32, Sendable, Codable, CustomStringConvertible {
    case pending = 3
    case held = 4
    case processing = 5
    case stopped = 6
    case canceled = 7
    case aborted = 8
    case completed = 9

    /// canceled, aborted or completed: the printer will do nothing more with the job.
    public var isFinal: Bool { rawValue >= 7 }

    /// The IPP keyword, as technicians read it in CUPS logs and `lpstat`.
    public var description: String {
        switch self {
        case .pending: "pending"
        case .held: "pending-held"
        case .processing: "processing"
        case .stopped: "processing-stopped"
        case .canceled: "canceled"
        case .aborted: "aborted"
        case .completed: "completed"
        }
    }
}
