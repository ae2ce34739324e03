import ServiceLifecycle

/// Pings systemd's watchdog at half its interval while the daemon runs and says STOPPING=1
/// when graceful shutdown begins.
public struct SystemdWatchdogService: Service {
    let notifier: SystemdNotifier
    let interval: Duration?
    let isHealthy: @Sendable () async -> Bool
    let clock: any Clock<Duration>

    public init(notifier: SystemdNotifier, interval: Duration?, clock: any Clock<Duration>, isHealthy: @escaping @Sendable () async -> Bool) {
        self.notifier = notifier
        self.interval = interval
        self.clock = clock
        self.isHealthy = isHealthy
    }

    public func run() async throws {
        if let interval {
            await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    if await isHealthy() { notifier.notify("WATCHDOG=1") }
                    try? await clock.sleep(for: interval)
                }
            }
        } else {
            try? await gracefulShutdown()
        }
        notifier.notify("STOPPING=1")
    }
}
