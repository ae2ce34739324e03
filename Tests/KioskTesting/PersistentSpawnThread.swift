import Foundation

/// Starts stack daemons from one thread that lives as long as the test process.
///
/// `setpriv --pdeathsig` (PR_SET_PDEATHSIG) signals the child when the *thread* that forked it
/// exits, and Swift's executor threads come and go: pcscd spawned from one was killed after a
/// few idle seconds. Forking from this thread ties the daemons to the process instead.
final class PersistentSpawnThread: @unchecked Sendable {
    static let shared = PersistentSpawnThread()

    private let lock = NSLock()
    private let work = DispatchSemaphore(value: 0)
    private var pending: [() -> Void] = []

    private init() {
        let thread = Thread { [self] in
            while true {
                work.wait()
                lock.lock()
                let job = pending.isEmpty ? nil : pending.removeFirst()
                lock.unlock()
                job?()
            }
        }
        thread.name = "test-stack-spawner"
        thread.start()
    }

    /// Runs `body` on the spawner thread and returns its result. Callers may come at once (tests
    /// start printer stacks in parallel): each job is queued, one signal per job.
    func run<T>(_ body: @escaping () throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        var result: Result<T, any Error>?
        lock.lock()
        pending.append {
            result = Result { try body() }
            done.signal()
        }
        lock.unlock()
        work.signal()
        done.wait()
        guard let result else { throw TestFixtureError("the spawner thread produced no result") }
        return try result.get()
    }
}
