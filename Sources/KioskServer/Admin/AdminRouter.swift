import Hummingbird
import KioskAPI
import KioskCore

extension KioskStatus: ResponseEncodable {}
extension DiagnosticReport: ResponseEncodable {}

/// Routes of the admin API served on the unix socket. Who may connect is decided by the
/// socket's file mode and group; every route answers JSON for kioskctl and fleet tooling.
public enum AdminRouter {
    public static func make(status: some StatusReporting, cards: (any CardDiagnostics)?, scanner: (any ScannerDiagnostics)? = nil,
                            printer: (any PrinterDiagnostics)? = nil, observability: Observability? = nil,
                            maintenance: (any MaintenanceControl)? = nil, configuration: (any ConfigurationControl)? = nil, screen: ResidentServiceTools? = nil,
                            terminal: (any TerminalControl)? = nil, clock: any Clock<Duration> = ContinuousClock()) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/v1/status") { _, _ in await status.currentStatus() }
        router.get("/v1/diag") { _, _ in await status.diagnostics() }
        CardRoutes.add(to: router, cards: cards, noResidentServed: screen?.noResidentServed)
        ScannerRoutes.add(to: router, scanner: scanner)
        PrinterRoutes.add(to: router, printer: printer)
        TerminalRoutes.add(to: router, terminal: terminal)
        MaintenanceRoutes.add(to: router, maintenance: maintenance)
        ConfigRoutes.add(to: router, control: configuration)
        SelftestRoutes.add(to: router, cards: cards, scanner: scanner, printer: printer, screen: screen, clock: clock)
        // A stranger at the screen can lock the PIN pad; a technician at the socket lifts it (audited).
        router.post("/v1/service-menu/unlock") { _, _ throws -> Response in
            guard let gate = screen?.gate else {
                throw HTTPError(.conflict, message: "the service menu is disabled: /etc/kioskd/technician-pin holds no PIN hash")
            }
            return try AdminJSONResponse.make(ServiceMenuUnlock(wasLocked: await gate.unlock()))
        }
        ObservabilityRoutes.add(to: router, observability, prefix: "/v1")
        return router
    }
}
