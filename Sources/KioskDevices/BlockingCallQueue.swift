import Dispatch

/// Runs blocking C calls (libpcsclite, libcups) on a serial queue of their own, never on Swift's
/// cooperative threads, and stops waiting at a deadline: a card that goes silent blocks
/// `SCardTransmit` for as long as it stays in the reader, and a hung printer keeps a request waiting
/// for as long as libcups' timeout allows — the daemon must not hang with either.
///
/// After a timeout the queue is still blocked: its owner abandons it (with its PC/SC context) and
/// makes a new one; a CUPS operation has one queue per job or status read, so an overrun blocks
/// nothing else. libcups keeps its last error per thread: a call reads it inside its closure.
final class BlockingCallQueue: Sendable {
    private let queue: DispatchQueue
    private let executor: QueueExecutor

    init(label: String) {
        queue = DispatchQueue(label: label)
        executor = QueueExecutor(queue: queue)
    }

    /// The call's result, or nil when it did not return within `timeout` (the call still finishes on the queue).
    func run<Value: Sendable>(timeout: Duration?, _ call: @escaping @Sendable () -> Value) async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let waiter = SingleResume(continuation)
            queue.async { _ = waiter.resume(call()) }
            if let timeout {
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout.dispatchInterval) { _ = waiter.resume(nil) }
            }
        }
    }

    /// Runs `call` after whatever is queued, without waiting for it.
    func send(_ call: @escaping @Sendable () -> Void) {
        queue.async(execute: call)
    }

    /// Runs `body` on the queue (its awaits included), or returns nil as soon as one of its calls
    /// guarded by `watchdog` overruns; the body then finishes on its own whenever that call returns.
    func runTask<Value: Sendable>(watchdog: PCSCCommandWatchdog, _ body: @escaping @Sendable () async -> Value) async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let waiter = SingleResume(continuation)
            let guardian = Task {
                if await watchdog.waitForOverrun() { _ = waiter.resume(nil) }
            }
            Task(executorPreference: executor) {
                let value = await body()
                guardian.cancel()
                _ = waiter.resume(value)
            }
        }
    }
}

extension Duration {
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .microseconds(Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000))
    }
}
