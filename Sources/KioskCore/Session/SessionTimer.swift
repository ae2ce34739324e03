/// The timers the state machine asks for. At most one of each kind runs; `timerFired` carries the
/// generation it was started with, and a stale generation is ignored.
public enum TimerKind: String, Sendable, Hashable, CaseIterable {
    /// A screen waiting for the resident.
    case idle
    /// The "continue?" countdown after an idle timeout.
    case countdown
    case payCode
    case qr
    /// The delay before the next query (or retry) of a payment in flight.
    case poll
    case takeReceipt
    /// The longest a state may wait on the backend or the journal: no answer by then is an answer.
    case dwell
}

/// The generations of the timers now running.
struct TimerBook: Sendable, Hashable {
    var running: [TimerKind: Int] = [:]
    var lastGeneration = 0

    mutating func start(_ kind: TimerKind) -> Int {
        lastGeneration += 1
        running[kind] = lastGeneration
        return lastGeneration
    }
}
