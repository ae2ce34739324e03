import Synchronization

/// Bounds each blocking libpcsclite call of a read: the read runs on the channel's thread, and the
/// caller, waiting elsewhere, gives up once one call has run past its deadline (a silent card
/// blocks `SCardTransmit` for as long as it stays in the reader).
final class PCSCCommandWatchdog: Sendable {
    private struct State {
        var deadline: ContinuousClock.Instant?
        var overran = false
    }

    private let state = Mutex(State())
    let timeout: Duration

    init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Whether a call ran past its deadline (the read is then abandoned).
    var overran: Bool { state.withLock { $0.overran } }

    /// Runs one blocking call under the deadline.
    func guarding<Value>(_ call: () -> Value) -> Value {
        state.withLock { $0.deadline = .now + timeout }
        defer { state.withLock { $0.deadline = nil } }
        return call()
    }

    /// Returns when a call overruns; sleeps between deadlines, so it costs nothing while calls are quick.
    /// Cancelled (and returns false) when the read finishes first.
    func waitForOverrun() async -> Bool {
        while !Task.isCancelled {
            let deadline = state.withLock { state -> ContinuousClock.Instant? in
                guard let deadline = state.deadline, deadline <= .now else { return state.deadline }
                state.overran = true
                return nil
            }
            if overran { return true }
            try? await Task.sleep(until: deadline ?? .now + timeout, clock: .continuous)
        }
        return false
    }
}
