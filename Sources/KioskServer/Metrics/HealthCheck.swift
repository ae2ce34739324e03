import Synchronization

/// One thing `/healthz` and the systemd watchdog ask: `probe` returns normally when it is well and
/// throws what is wrong otherwise. A probe that does not answer within `timeout` fails.
public struct HealthCheck: Sendable {
    public let name: String
    public let timeout: Duration
    /// Times `timeout`.
    let clock: any Clock<Duration>
    let probe: @Sendable () async throws -> Void

    public init(name: String, timeout: Duration, clock: any Clock<Duration>, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.timeout = timeout
        self.clock = clock
        self.probe = probe
    }

    /// Returns within `timeout` even when the probe hangs (an actor stuck in a call): the probe
    /// is left to finish on its own rather than awaited, as a task group would.
    func run() async -> HealthReport.Check {
        let answered = Mutex<CheckedContinuation<HealthReport.Check, Never>?>(nil)
        let finish: @Sendable (HealthReport.Check) -> Void = { result in
            answered.withLock { continuation in
                continuation?.resume(returning: result)
                continuation = nil
            }
        }
        let timeout = timeout, clock = clock
        let probe = probe
        var tasks: [Task<Void, Never>] = []
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<HealthReport.Check, Never>) in
            answered.withLock { $0 = continuation }
            tasks = [
                Task {
                    do {
                        try await probe()
                        finish(HealthReport.Check(ok: true))
                    } catch {
                        finish(HealthReport.Check(ok: false, detail: "\(error)"))
                    }
                },
                Task {
                    try? await clock.sleep(for: timeout)
                    finish(HealthReport.Check(ok: false, detail: "no answer within \(timeout)"))
                },
            ]
        }
        for task in tasks { task.cancel() }
        return result
    }
}
