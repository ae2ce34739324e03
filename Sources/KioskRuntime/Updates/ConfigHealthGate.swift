import Foundation
import KioskConfig
import KioskCore
import KioskServer
import ServiceLifecycle

/// Decides whether a newly applied configuration keeps the kiosk working. It compares against the
/// checks that passed just before the change: a check already failing then (paper out, backend
/// down) is not the new configuration's fault and does not roll it back.
struct ConfigHealthGate: Sendable {
    /// Failing checks by name, with why.
    typealias Snapshot = [String: String]

    let snapshot: @Sendable () async -> Snapshot
    /// How long the checks must hold without a failure before the configuration counts as healthy.
    let settle: Duration
    let interval: Duration
    let clock: any Clock<Duration>

    init(snapshot: @escaping @Sendable () async -> Snapshot, settle: Duration = .seconds(3), interval: Duration = .seconds(1), clock: any Clock<Duration>) {
        self.snapshot = snapshot
        self.settle = settle
        self.interval = interval
        self.clock = clock
    }

    enum Verdict: Equatable {
        case healthy
        /// What fails, e.g. "printer: offline — …".
        case failing(String)
        /// kioskd is stopping: no verdict.
        case interrupted
    }

    /// Healthy once every check that passed in `baseline` has passed for `settle`; otherwise, at
    /// the deadline, what fails.
    func verdict(against baseline: Snapshot, within timeout: Duration) async -> Verdict {
        let stopwatch = Stopwatch(clock)
        var cleanSince: Duration?
        var regressions: Snapshot = [:]
        while true {
            if Task.isShuttingDownGracefully || Task.isCancelled { return .interrupted }
            regressions = await snapshot().filter { baseline[$0.key] == nil }
            let now = stopwatch.elapsed
            if regressions.isEmpty {
                let since = cleanSince ?? now
                cleanSince = since
                if now - since >= settle { return .healthy }
            } else {
                cleanSince = nil
            }
            if now >= timeout { break }
            try? await clock.sleep(for: interval)
        }
        if regressions.isEmpty { return .healthy }
        return .failing(regressions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
    }

    /// After a restart there is no "before" to compare with: what fails now is excused unless it
    /// is kioskd's own health or a part the unconfirmed change touched (printer, backend).
    static func restartBaseline(_ failing: Snapshot, change: ConfigurationChange) -> Snapshot {
        failing.filter { key, _ in
            if key == "backend" { return !change.reloads.contains(.backend) }
            guard let role = DeviceRole(rawValue: key) else { return false }
            return !(role == .printer && change.reloads.contains(.printer))
        }
    }

    /// The daemon's own health, every device the configuration names, and the backend.
    static func daemonChecks(devices: DeviceStatuses, running: RunningConfiguration, health: DaemonHealth) -> @Sendable () async -> Snapshot {
        {
            var failing: Snapshot = [:]
            for (name, check) in await health.evaluate().checks where !check.ok {
                failing[name] = check.detail ?? "failing"
            }
            for device in await devices.current() where [.noDevice, .offline, .hardwareError].contains(device.state) {
                failing[device.role.rawValue] = "\(device.state.rawValue) — \(device.detail)"
            }
            let backend = await BackendReachabilityProbe(settings: running.configuration.backend).check()
            if !backend.reachable { failing["backend"] = backend.detail }
            return failing
        }
    }
}
