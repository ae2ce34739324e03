/// How a session ended, for the controller's logs and metrics.
public enum SessionEndReason: Sendable, Hashable {
    case completed
    case cancelled
    case timedOut
    case cardRemoved
    case failed(KioskError.Code)
    case shutdown
}
