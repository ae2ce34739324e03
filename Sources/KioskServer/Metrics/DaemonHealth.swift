/// Whether kioskd is well, for `/healthz` (UI listener and admin socket) and the systemd watchdog:
/// every check runs concurrently, each bounded by its own timeout, so an evaluation never takes
/// longer than the slowest timeout and never blocks a thread.
public struct DaemonHealth: Sendable {
    public let checks: [HealthCheck]

    public init(checks: [HealthCheck]) {
        self.checks = checks
    }

    public func evaluate() async -> HealthReport {
        await withTaskGroup(of: (String, HealthReport.Check).self) { group in
            for check in checks {
                group.addTask { (check.name, await check.run()) }
            }
            var results: [String: HealthReport.Check] = [:]
            for await (name, result) in group { results[name] = result }
            return HealthReport(checks: results)
        }
    }
}
