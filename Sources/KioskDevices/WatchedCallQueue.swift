import KioskCore
import Synchronization

/// Blocking calls into a device (a vendor library, a serial line), one at a time on a queue of
/// their own, each given up on at its deadline. A call that has not returned keeps the device
/// "stuck": nothing more is sent to it until that call returns, since a vendor library stuck in its
/// driver is in no state to take another call.
final class WatchedCallQueue: Sendable {
    private let queue: BlockingCallQueue
    private let state = Mutex(State())

    private struct State {
        /// The call that has not returned yet, past its deadline.
        var stuckCall: String?
        /// Numbers the calls, so that a call returning just as the watchdog gives up is not taken for stuck.
        var started = 0
        var returned = 0
    }

    init(label: String) {
        queue = BlockingCallQueue(label: label)
    }

    /// What has not returned, if anything.
    var stuckCall: String? { state.withLock { $0.stuckCall } }

    /// The refusal a call gets while an earlier one has not returned; nil when none is stuck.
    func refusal(device: String) -> KioskError? {
        stuckCall.map { KioskError(.cardNotResponding, "\(device) has not returned from \($0) yet; nothing more is sent to it until it does") }
    }

    /// `body`'s result, or `cardNotResponding` when it does not return within `timeout` (or an
    /// earlier call is still stuck). `what` names the call for technicians ("read text and photo (30 01)").
    func run<Value: Sendable>(_ what: String, device: String, timeout: Duration,
                              _ body: @escaping @Sendable () throws(KioskError) -> Value) async throws(KioskError) -> Value {
        let call: Int? = state.withLock { state in
            guard state.stuckCall == nil else { return nil }
            state.started += 1
            return state.started
        }
        guard let call else { throw refusal(device: device) ?? KioskError(.cardNotResponding, "\(device) is busy with a stuck call") }
        let outcome = await queue.run(timeout: timeout) { () -> Result<Value, KioskError> in
            defer {
                self.state.withLock { state in
                    state.returned = call
                    state.stuckCall = nil
                }
            }
            do throws(KioskError) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let value)?: return value
        case .failure(let error)?: throw error
        case nil:
            state.withLock { state in
                if state.returned < call { state.stuckCall = what }
            }
            throw KioskError(.cardNotResponding, "\(device) did not return from \(what) within \(timeout)")
        }
    }

    /// Runs `body` after whatever is queued, without waiting for it.
    func send(_ body: @escaping @Sendable () -> Void) {
        queue.send(body)
    }
}
