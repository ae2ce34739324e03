import Foundation
import KioskAPI
import KioskBackendAPI
import KioskConfig
import KioskCore
import KioskDevices
import KioskServer
import KioskSession
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// kiosk.conf as read at start: the parsed configuration, its text (kept in the configuration
/// history), the device database it names, the technician PIN's credential and the environment
/// (overrides, systemd's sockets and notify socket, failpoints).
public struct LoadedConfiguration: Sendable {
    public let path: String
    public let document: String
    public let configuration: KioskConfiguration
    public let database: DeviceDatabase
    public let technicianPIN: TechnicianPINHash?
    public let environment: [String: String]

    /// Reads kiosk.conf once: the history keeps exactly the text that was parsed.
    public static func load(path: String, environment: [String: String]) throws -> LoadedConfiguration {
        let document = try KioskConfiguration.text(of: path)
        let configuration = try KioskConfiguration.parse(text: document, source: path, environment: environment)
        return LoadedConfiguration(
            path: path, document: document, configuration: configuration,
            database: try DeviceDatabase.load(directory: configuration.devices.database),
            technicianPIN: try TechnicianPINHash.fromCredential(environment: environment), environment: environment
        )
    }
}

/// Where the kiosk's backend is.
public enum KioskBackendChoice: Sendable {
    /// `[backend] url` over HTTPS with the kiosk's client certificate.
    case configured
    /// `--demo`: the sandbox backend in this process, from its residents file and policy folder.
    case embeddedSandbox(residentsFile: String, policyDirectory: String, today: CalendarDate?)
}

/// A kiosk built and ready to run: its services in the order they start (they stop in reverse),
/// and what to close once they have stopped.
/// Run as a service of the caller's own group (tests, benchmarks), it stops with that group.
public struct Kiosk: Service {
    public let status: KioskStatusReporter
    /// Nil when the kiosk cannot serve residents (no backend client, or no scanner in production):
    /// `kioskctl status` says why.
    public var session: SessionController? { status.session }
    /// With --demo: the simulated devices and the embedded sandbox's hands (the `/demo` panel).
    public let demo: (any DemoControls)?
    let services: [any Service]
    let startup: StartupBarrier
    let teardown: Teardown
    let logger: Logger

    /// Returns once the admin socket and the resident screen both listen (kioskd has said READY=1),
    /// with the screen's port.
    public func ready() async -> Int {
        await startup.waitUntilUp()
        return await startup.screenPort ?? 0
    }

    /// Runs every service until one of `signals`, a graceful shutdown of the caller's own group, or
    /// a failing service stops them; then closes the backend client and the journal.
    public func run(gracefulShutdownSignals signals: [UnixSignal]) async throws {
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: signals, logger: logger
        ))
        do {
            try await withGracefulShutdownHandler {
                try await group.run()
            } onGracefulShutdown: {
                Task { await group.triggerGracefulShutdown() }
            }
        } catch {
            await teardown.run()
            throw error
        }
        await teardown.run()
    }

    public func run() async throws {
        try await run(gracefulShutdownSignals: [])
    }
}

/// What the kiosk closes once its services have stopped, or when it could not be built.
final class Teardown: Sendable {
    private let steps = Mutex<[@Sendable () async -> Void]>([])

    func add(_ step: @escaping @Sendable () async -> Void) {
        steps.withLock { $0.append(step) }
    }

    /// Runs each step once, the last added first.
    func run() async {
        let pending = steps.withLock { steps in
            defer { steps = [] }
            return steps
        }
        for step in pending.reversed() { await step() }
    }
}

/// Builds the whole kiosk in one pass, from the leaves to the root: devices, backend, journal and
/// session; status, health and configuration updates; the resident screen and the admin API.
/// `--demo` is a different `devices:` and `backend:`. It takes the journal over: on failure
/// everything built so far, the journal included, is closed before the error is thrown.
public func buildKiosk(
    configuration loaded: LoadedConfiguration,
    devices: DeviceSet,
    backend backendChoice: KioskBackendChoice,
    journal: SQLitePaymentJournal,
    clock: any Clock<Duration>,
    wallClock: WallClock = .system,
    metrics: KioskMetrics,
    logger: Logger,
    audit: Logger
) async throws -> Kiosk {
    let teardown = Teardown()
    teardown.add { try? journal.close() }
    do {
        return try await assemble(loaded, devices: devices, backendChoice: backendChoice, journal: journal, clock: clock, wallClock: wallClock,
                                  metrics: metrics, logger: logger, audit: audit, teardown: teardown)
    } catch {
        await teardown.run()
        throw error
    }
}

private func assemble(
    _ loaded: LoadedConfiguration, devices: DeviceSet, backendChoice: KioskBackendChoice, journal: SQLitePaymentJournal,
    clock: any Clock<Duration>, wallClock: WallClock, metrics: KioskMetrics, logger: Logger, audit: Logger, teardown: Teardown
) async throws -> Kiosk {
    let configuration = loaded.configuration
    let environment = loaded.environment
    var services: [any Service] = []

    // The backend: the embedded sandbox (bound now, so its URL is known) or the configured one.
    let sandbox: EmbeddedSandbox?
    if case .embeddedSandbox(let residentsFile, let policyDirectory, let today) = backendChoice {
        do {
            let bound = try await EmbeddedSandbox.bind(residentsFile: residentsFile, policyDirectory: policyDirectory, today: today,
                                                       kiosk: configuration.kiosk, wallClock: wallClock, logger: logger)
            teardown.add { await bound.close() }
            logger.notice("embedded sandbox backend ready", metadata: [LogKey.backendURL: "\(bound.url)", LogKey.sandboxToday: "\(bound.today)"])
            sandbox = bound
            services.append(bound)
        } catch {
            throw KioskError(.configInvalid, "cannot start the embedded sandbox backend: \(error)")
        }
    } else {
        sandbox = nil
    }
    let running = RunningConfiguration(configuration, demoSandbox: sandbox?.endpoints)
    let backend: SwitchableBackendClient?
    do {
        backend = SwitchableBackendClient(try HTTPSBackendClient(settings: BackendClientSettings(running.configuration.backend), clock: clock))
    } catch {
        // The journal stays unresolved and `kioskctl status` shows it.
        logger.error("no backend client, payments are not reconciled: \(error)")
        backend = nil
    }
    if let backend { teardown.add { await backend.https?.shutdown() } }

    // The payment terminal (card payments): a nexo terminal, or the demo's virtual PIN pad.
    let payment = try await PaymentTerminalSetup.make(
        running.configuration.terminal, kioskID: configuration.kiosk.id, demo: sandbox != nil, clock: clock, wallClock: wallClock,
        logger: logger, teardown: teardown
    )

    // The resident session: it takes no resident until start-up reconciliation has settled the journal.
    let reconciliation = backend.map { client in
        ReconciliationService(
            reconciler: PaymentReconciler(
                journal: journal, backend: client, logger: logger, now: wallClock.now, clock: clock,
                cards: payment.terminal.map { PaymentReconciler.CardPaymentSettlement(terminal: $0, kioskID: configuration.kiosk.id) }
            ),
            clock: clock, logger: logger
        )
    }
    var session: SessionController?
    var settlement: SettlementGate?
    if let backend, let reconciliation, let scanner = devices.scanner {
        let controller = SessionController(
            settings: SessionSettings(running.configuration), kioskID: configuration.kiosk.id,
            devices: .init(cardReader: devices.cardReader, scanner: scanner, printer: devices.printer, terminal: payment.terminal),
            backend: backend, journal: journal, clock: clock, now: wallClock.now, logger: logger
        )
        if payment.terminal == nil, running.configuration.payment.methods.contains(.card) {
            await controller.send(.paymentMethodAvailability(.card, available: false))
        }
        let gate = SettlementGate(reconciliation: reconciliation, controller: controller)
        await gate.closeUnlessSettled()
        (session, settlement) = (controller, gate)
    }
    // Status, health and metrics.
    let deviceStatuses = DeviceStatuses(devices: devices, database: loaded.database, running: running)
    let observability = observability(metrics: metrics, devices: deviceStatuses, journal: journal, session: session,
                                      adminSocket: configuration.admin.socketPath, clock: clock)

    // Configuration updates: signed bundles, rollbacks, SIGHUP, the fleet's desired configuration.
    let reloader = ConfigReloader(
        running: running, session: session, printer: devices.simulated == nil && configuration.devices.printer != .simulated ? devices.printer : nil,
        backend: backend, database: loaded.database, clock: clock, logger: logger
    )
    let updater = ConfigUpdater(
        configPath: loaded.path, document: loaded.document, configuration: configuration, environment: environment, reloader: reloader,
        gate: ConfigHealthGate(snapshot: ConfigHealthGate.daemonChecks(devices: deviceStatuses, running: running, health: observability.health), clock: clock),
        wallClock: wallClock, logger: logger, beforeRename: Failpoint.hold(at: "config-before-rename", environment: environment, logger: logger)
    )
    let backendWatch = backend.map {
        BackendWatch(backend: $0, updater: updater, running: running, devices: deviceStatuses, session: session, clock: clock, wallClock: wallClock, logger: logger)
    }
    let terminalWatch = both(payment.terminal, running.configuration.terminal).map { terminal, settings in
        TerminalWatch(terminal: terminal, configuration: settings, journal: journal, session: session, clock: clock, wallClock: wallClock, logger: logger)
    }
    let status = KioskStatusReporter(
        running: running, configPath: loaded.path, mode: sandbox == nil ? .production : .demo, devices: deviceStatuses, journal: journal,
        session: session, backend: backend, configurationUpdates: updater, terminal: terminalWatch, wallClock: wallClock
    )

    // The screens: the resident's page (and the technician's service menu on it), the admin API.
    let notifier = SystemdNotifier(environment: environment)
    let ready = StartupBarrier(parts: ["admin", "ui"]) {
        notifier.notify("READY=1\nSTATUS=serving")
        logger.notice("kioskd ready", metadata: [
            LogKey.version: "\(KioskVersion.current)", LogKey.mode: "\(sandbox == nil ? "production" : "demo")",
            LogKey.socket: "\(configuration.admin.socketPath)",
        ])
    }
    let serviceTools = ResidentServiceTools(
        kioskID: configuration.kiosk.id, technicianPIN: loaded.technicianPIN, journalPath: configuration.journal.path, overlays: ScreenOverlayHub(clock: clock, wallClock: wallClock),
        diagnostics: { await status.diagnostics() }, maintenance: status, printer: devices.printer,
        noResidentServed: { [session] in await session?.noResidentServed ?? true }, wallClock: wallClock, audit: audit, logger: logger
    )
    devices.cardDiagnostics.readCardsForWatchers(when: serviceTools.noResidentServed)
    let demo = DemoControlPanel.make(devices: devices, sandbox: sandbox, session: session, backendWatch: backendWatch, terminal: payment.simulator,
                                     terminalWatch: terminalWatch)
    let inherited = try SystemdSocketActivation.takeListeners(environment: environment)[SystemdSocketActivation.residentScreenName]
        .map { descriptor throws(KioskError) in try InheritedListener(descriptor: descriptor, name: SystemdSocketActivation.residentScreenName) }
    try inherited?.check(against: configuration.ui)
    let screen = try ResidentUIServer.make(
        settings: configuration.ui, session: session, demo: demo, qrSVG: { QRCodeSVG.svg(for: $0) }, logger: logger,
        observability: observability, service: serviceTools, clock: clock, wallClock: wallClock, address: inherited.map { .inherited($0) }
    ) { port in
        logger.notice("resident screen ready", metadata: [LogKey.uiAddress: "http://\(configuration.ui.listenHost):\(port)/"])
        await ready.screenListens(on: port)
    }
    let admin = try AdminServer.make(
        settings: configuration.admin, status: status, cards: devices.cardDiagnostics, scanner: devices.scannerDiagnostics, printer: devices.printer,
        observability: observability, maintenance: status, configuration: ConfigurationAdmin(updater: updater, backendWatch: backendWatch), screen: serviceTools,
        terminal: terminalWatch, clock: clock, logger: logger, audit: audit
    ) {
        await ready.up("admin")
    }

    // The group starts them in this order and stops them in reverse: the sandbox last, the card
    // reader's watch streams before the admin server.
    services += [admin, screen, updater, ConfigReloadService(updater: updater)]
    services += devices.services
    if let reconciliation { services.append(reconciliation) }
    if let session, let settlement { services += [session, settlement] }
    if let backendWatch { services.append(backendWatch) }
    if let terminalWatch { services.append(terminalWatch) }
    if let session {
        services.append(JournalSpaceWatch(journal: journal, session: session, clock: clock, logger: logger))
    }
    if let session, let backend {
        services.append(OwedReceiptService(
            journal: journal, backend: backend, printer: devices.printer, history: devices.printer,
            noResidentServed: { await session.noResidentServed },
            verificationOrigins: { session.sessionSettings.verificationURLOrigins }, clock: clock, wallClock: wallClock, logger: logger
        ))
    }
    services.append(SystemdWatchdogService(
        notifier: notifier, interval: SystemdNotifier.watchdogInterval(environment: environment), clock: clock,
        isHealthy: { await observability.health.evaluate().isHealthy }
    ))
    return Kiosk(status: status, demo: demo, services: services, startup: ready, teardown: teardown, logger: logger)
}

/// What `/metrics` and `/healthz` serve and the systemd watchdog asks: kioskd is healthy while its
/// session answers within 1 s, its journal reads, and its admin socket accepts a connection.
private func observability(metrics: KioskMetrics, devices: DeviceStatuses, journal: any PaymentJournal, session: SessionController?,
                           adminSocket: String, clock: any Clock<Duration>) -> Observability {
    // Without a session (no backend client, or no scanner in production) there is nothing to ask;
    // `kioskctl status` says why, and a restart would not help.
    let sessionCheck = session.map { controller in HealthCheck.session(clock: clock) { _ = await controller.state.kind } }
    let checks = [sessionCheck, .journal(journal, clock: clock), .adminSocket(path: adminSocket, clock: clock)].compactMap { $0 }
    return Observability(health: DaemonHealth(checks: checks)) {
        // The device gauges are refreshed at scrape time from the status `kioskctl status` shows.
        metrics.record(devices: await devices.current())
        return metrics.exposition()
    }
}

/// Both, or nil.
func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
