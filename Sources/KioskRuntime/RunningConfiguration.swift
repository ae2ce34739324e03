import KioskConfig
import KioskCore
import Synchronization

/// The configuration kioskd runs now (a reload replaces it), as it runs it: with --demo, on the
/// embedded sandbox. Every part that reads the configuration after start-up reads it here.
public final class RunningConfiguration: Sendable {
    /// The embedded sandbox in demo mode: it replaces backend.url and is where its QR and checking
    /// links may point, on reload too.
    private let demoSandbox: DemoSandboxEndpoints?
    private let current: Mutex<KioskConfiguration>

    init(_ configuration: KioskConfiguration, demoSandbox: DemoSandboxEndpoints?) {
        self.demoSandbox = demoSandbox
        current = Mutex(demoSandbox?.applied(to: configuration) ?? configuration)
    }

    public var configuration: KioskConfiguration { current.withLock { $0 } }

    func replace(with configuration: KioskConfiguration) {
        let effective = effective(configuration)
        current.withLock { $0 = effective }
    }

    /// `configuration` as this daemon runs it: with --demo, on the embedded sandbox.
    func effective(_ configuration: KioskConfiguration) -> KioskConfiguration {
        demoSandbox?.applied(to: configuration) ?? configuration
    }
}

/// The devices' status as `kioskctl status`, the metrics, the health gate and the fleet report see it.
struct DeviceStatuses: Sendable {
    let devices: DeviceSet
    let database: DeviceDatabase
    let running: RunningConfiguration

    func current() async -> [DeviceStatus] {
        await devices.statuses(running.configuration.devices, database: database)
    }
}
