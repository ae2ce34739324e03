import Dispatch

/// Runs blocking libcups calls on a serial queue of their own, never on Swift's cooperative
/// threads, and stops waiting at a deadline: a hung printer keeps a request waiting for as long as
/// libcups' timeout allows, and a print must fail within its job timeout all the same.
///
/// One queue serves one operation (a print job, a status read), so a call that overruns blocks
/// nothing else; it finishes on its own queue whenever libcups gives up. libcups keeps its last
/// error per thread: a call reads it inside its closure.
final class CUPSCallQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// The call's result, or nil when `deadline` passes first.
    func run<Value: Sendable>(until deadline: ContinuousClock.Instant, _ call: @escaping @Sendable () -> Value) async -> Value? {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return nil }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let waiter = SingleResume(continuation)
            queue.async { _ = waiter.resume(call()) }
            DispatchQueue.global().asyncAfter(deadline: .now() + remaining.dispatchInterval) { _ = waiter.resume(nil) }
        }
    }

    /// Runs `call` after whatever is queued, without waiting for it.
    func send(_ call: @escaping @Sendable () -> Void) {
        queue.async(execute: call)
    }
}
