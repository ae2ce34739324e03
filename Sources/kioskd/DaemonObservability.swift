import KioskCore
import KioskServer
import KioskSession

/// What `/metrics` and `/healthz` serve and the systemd watchdog asks: kioskd is healthy while its
/// session answers within 1 s, its journal reads, and its admin socket accepts a connection.
enum DaemonObservability {
    static func make(metrics: KioskMetrics, state: DaemonState, journal: any PaymentJournal, session: SessionController?,
                     adminSocket: String) -> Observability {
        // Without a session (no backend client, or no scanner in production) there is nothing to ask;
        // `kioskctl status` says why, and a restart would not help.
        let sessionCheck = session.map { controller in HealthCheck.session { _ = await controller.state.kind } }
        let checks = [sessionCheck, .journal(journal), .adminSocket(path: adminSocket)].compactMap { $0 }
        return Observability(health: DaemonHealth(checks: checks)) {
            // The device gauges are refreshed at scrape time from the status `kioskctl status` shows.
            metrics.record(devices: await state.currentDevices())
            return metrics.exposition()
        }
    }
}
