import ContributionPolicy
import KioskCore
import Logging
import SandboxBackend
import ServiceLifecycle

/// `kioskd --demo`: the sandbox backend in this process on a free loopback port. It starts before
/// the kiosk's services (their backend URL is its address) and stops after them.
struct EmbeddedSandbox {
    /// The contract's base URL, e.g. `http://127.0.0.1:41234/kiosk/v1`.
    let url: String
    let today: CalendarDate
    /// For the demo controls: the residents, the simulated provider, the "backend down" switch.
    let registry: ResidentRegistry
    let backend: SandboxBackend
    let outage: SandboxOutage
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static func start(residentsFile: String, policyDirectory: String, today requestedToday: CalendarDate?,
                      kiosk: KioskConfiguration.Kiosk, logger: Logger) async throws -> EmbeddedSandbox {
        let registry = try ResidentRegistry.load(path: residentsFile)
        let policies = try PolicyBook.load(directory: policyDirectory)
        let today = try requestedToday ?? demoToday(policies: policies, kiosk: kiosk)
        let backend = SandboxBackend(
            registry: registry, policies: policies, store: try SandboxStore(path: nil),
            settings: SandboxSettings(today: today)
        )
        let ports = AsyncStream.makeStream(of: Int.self)
        let outage = SandboxOutage()
        let application = try SandboxServer.application(backend: backend, host: "127.0.0.1", port: 0, tls: nil, outage: outage, logger: logger) { port in
            ports.continuation.yield(port)
        }
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task {
            defer { ports.continuation.finish() }
            try await group.run()
        }
        var iterator = ports.stream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let outcome = await task.result
            throw KioskError(.sandboxStoreFailed, "the embedded sandbox backend stopped before listening: \(outcome)")
        }
        return EmbeddedSandbox(url: "http://127.0.0.1:\(port)\(SandboxServer.basePath)", today: today, registry: registry, backend: backend,
                               outage: outage, group: group, task: task)
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

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// The embedded sandbox's part of the configuration in demo mode (`DaemonState` applies it, on reload too).
struct DemoSandboxEndpoints: Sendable {
    let backendURL: String
    let linkOrigins: [URLOrigin]

    func applied(to configuration: KioskConfiguration) -> KioskConfiguration {
        var configuration = configuration
        configuration.backend.url = backendURL
        configuration.payment.qrURLOrigins += linkOrigins
        configuration.payment.verificationURLOrigins += linkOrigins
        return configuration
    }
}
