import Foundation
import KioskBackendAPI
import KioskConfig
import KioskCore
import KioskDevices
import KioskSession
import Logging

/// Puts a new configuration into the running daemon, part by part, without a restart: the
/// session's settings, a new printer driver, a new backend client. Called only between residents.
struct ConfigReloader: Sendable {
    let running: RunningConfiguration
    let session: SessionController?
    /// Nil unless CUPS prints (with --demo the printer is simulated whatever the configuration says).
    let printer: SwitchablePrinter?
    let backend: SwitchableBackendClient?
    let database: DeviceDatabase
    let clock: any Clock<Duration>
    let logger: Logger

    /// Reloads what `change` names. Throws when a part cannot take its new settings (the caller rolls
    /// back); false when a resident started meanwhile (the caller waits and asks again).
    func reload(_ change: ConfigurationChange, to configuration: KioskConfiguration) async throws(KioskError) -> Bool {
        if change.reloads.contains(.session), let session {
            guard await session.replaceSettings(SessionSettings(running.effective(configuration))) else { return false }
        }
        running.replace(with: configuration)
        if change.reloads.contains(.printer), let printer {
            printer.replace(with: try DeviceSet.cupsDriver(configuration: configuration, database: database, clock: clock))
        }
        if change.reloads.contains(.backend), let backend {
            // With --demo the embedded sandbox's URL replaces backend.url: the running configuration has it applied.
            let settings = running.configuration.backend
            let client = try HTTPSBackendClient(settings: BackendClientSettings(settings), clock: clock)
            let replaced = backend.replace(with: client)
            retire(replaced, after: .milliseconds(settings.requestTimeoutMilliseconds + 5000))
        }
        return true
    }

    /// Shuts a replaced client down once the calls it may still carry have had their time.
    private func retire(_ client: any BackendClient, after grace: Duration) {
        guard let https = client as? HTTPSBackendClient else { return }
        Task { [clock] in
            try? await clock.sleep(for: grace)
            await https.shutdown()
        }
    }
}
