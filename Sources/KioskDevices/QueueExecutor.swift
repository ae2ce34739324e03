import Dispatch

/// Runs async code on a `BlockingCallQueue`'s serial queue (a card read), so every APDU is a plain
/// blocking call there instead of a hop off Swift's cooperative threads and back (two thread switches per APDU).
final class QueueExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(queue: DispatchQueue) {
        self.queue = queue
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
