import ContributionPolicy
import Hummingbird
import HummingbirdCore
import KioskConfig
import KioskCore
import KioskServer
import Logging
import SandboxBackend
import ServiceLifecycle

/// `kioskd --demo`: the sandbox backend in this process on a free loopback port, one more service
/// in kioskd's group. Its socket is bound when it is made, so its URL is known to the services built
/// after it; it is started first and stopped last.
public struct EmbeddedSandbox: Service {
    /// The contract's base URL, e.g. `http://127.0.0.1:41234/kiosk/v1`.
    public let url: String
    public let today: CalendarDate
    /// For the demo controls: the residents, the simulated provider, the "backend down" switch.
    let registry: ResidentRegistry
    let backend: SandboxBackend
    let outage: SandboxOutage
    private let listener: HTTPListener<HTTP1Channel>

    public static func bind(residentsFile: String, policyDirectory: String, today requestedToday: CalendarDate?,
                            kiosk: KioskConfiguration.Kiosk, wallClock: WallClock, logger: Logger) async throws -> EmbeddedSandbox {
        let registry = try ResidentRegistry.load(path: residentsFile)
        let policies = try PolicyBook.load(directory: policyDirectory)
        let today = try requestedToday ?? demoToday(policies: policies, kiosk: kiosk)
        let backend = SandboxBackend(
            registry: registry, policies: policies, store: try SandboxStore(path: nil),
            settings: SandboxSettings(today: today, wallClock: wallClock)
        )
        let outage = SandboxOutage()
        let router = try SandboxServer.router(backend: backend, outage: outage)
        let child = HTTP1Channel(responder: HTTPResponding.responder(router.buildResponder(), serverName: "kiosk-backend", logger: logger))
        let listener = try await HTTPListener.bind(.bind(host: "127.0.0.1", port: 0), child: child, name: "embedded sandbox backend", logger: logger)
        return EmbeddedSandbox(url: "http://127.0.0.1:\(listener.port)\(SandboxServer.basePath)", today: today, registry: registry, backend: backend,
                               outage: outage, listener: listener)
    }

    public func run() async {
        await listener.run()
    }

    /// A sandbox that never ran (kioskd could not start): its socket is closed.
    func close() async {
        await listener.close()
    }

    /// Two weeks into the configured region-year's centralized window (or its last day), so the demo
    /// residents can pay whatever the real date is.
    static func demoToday(policies: PolicyBook, kiosk: KioskConfiguration.Kiosk) throws(KioskError) -> CalendarDate {
        guard let policy = policies.policy(region: kiosk.region, year: kiosk.insuranceYear) else {
            let known = policies.policies.map { "\($0.region)/\($0.year)" }.joined(separator: ", ")
            throw KioskError(.policyInvalid, "no sandbox policy for kiosk.region \(kiosk.region), kiosk.insurance_year \(kiosk.insuranceYear) (policies: \(known))")
        }
        return min(policy.window.opens.adding(days: 14), policy.window.closes)
    }

    /// What the demo runs on: this sandbox instead of backend.url, and its links (the QR it pays,
    /// the receipts it checks) allowed beside the configured origins.
    var endpoints: DemoSandboxEndpoints {
        DemoSandboxEndpoints(backendURL: url, linkOrigins: URLOrigin(backend.settings.publicBaseURL).map { [$0] } ?? [])
    }
}

/// The embedded sandbox's part of the configuration in demo mode (`RunningConfiguration` applies it, on reload too).
struct DemoSandboxEndpoints: Sendable {
    let backendURL: String
    let linkOrigins: [URLOrigin]

    func applied(to configuration: KioskConfiguration) -> KioskConfiguration {
        var configuration = configuration
        configuration.backend.url = backendURL
        configuration.payment.qrURLOrigins += linkOrigins
        configuration.payment.verificationURLOrigins += linkOrigins
        // The demo takes cards at its virtual PIN pad unless kiosk.conf names a real terminal.
        if configuration.terminal == nil { configuration.terminal = .simulatedTerminal() }
        if !configuration.payment.methods.contains(.card) { configuration.payment.methods.append(.card) }
        return configuration
    }
}
