import ArgumentParser
import Foundation
import KioskCore
import KioskDevices
import KioskServer
import KioskSession
import Logging
import ServiceLifecycle

@main
struct KioskDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskd",
        abstract: "Runs a self-service resident medical insurance payment kiosk.",
        version: KioskVersion.current
    )

    @Option(name: .long, help: "Configuration file (TOML).")
    var config: String = "/etc/kioskd/kiosk.conf"

    @Option(name: .customLong("check-config"), help: "Validate FILE, print every problem, and exit (non-zero when invalid).")
    var checkConfig: String?

    @Flag(name: .long, help: "Run on simulated devices with the embedded sandbox backend.")
    var demo = false

    @Option(name: .customLong("sandbox-residents"), help: "With --demo: the embedded sandbox's residents file.")
    var sandboxResidents: String = "/usr/share/kioskd/sandbox/residents.toml"

    @Option(name: .customLong("sandbox-policies"), help: "With --demo: the embedded sandbox's folder of policy files.")
    var sandboxPolicies: String = "/usr/share/kioskd/sandbox/policies"

    @Option(name: .customLong("sandbox-today"), help: "With --demo: the date the sandbox evaluates policies on (YYYY-MM-DD); default: two weeks into the configured region-year's window.")
    var sandboxToday: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        if let sandboxToday, CalendarDate(iso: sandboxToday) == nil {
            throw ValidationError("--sandbox-today \(sandboxToday): not a date of the form YYYY-MM-DD")
        }
    }

    func run() async throws {
        if let checkConfig {
            throw ExitCode(ConfigCheck.run(path: checkConfig))
        }
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "kioskd")
        for refusal in CoreDumps.forbid() { logger.debug("core dumps: \(refusal)") }
        // The one clock the services measure time with (the composition root's; tests inject a TestClock).
        let clock = ContinuousClock()
        let metrics = KioskMetrics()
        metrics.bootstrap()
        let configuration: KioskConfiguration
        let database: DeviceDatabase
        let document: String
        // The PIN's credential is read with the configuration: nothing has started yet to stop.
        let technicianPIN: TechnicianPINHash?
        do {
            configuration = try KioskConfiguration.load(path: config)
            document = try String(contentsOfFile: config, encoding: .utf8)
            database = try DeviceDatabase.load(directory: configuration.devices.database)
            technicianPIN = try TechnicianPINHash.fromCredential(environment: ProcessInfo.processInfo.environment)
        } catch {
            logger.critical("cannot start: \(error)", metadata: [LogKey.configPath: "\(config)"])
            throw ExitCode(ConfigCheck.exConfig)
        }
        var sandbox: EmbeddedSandbox?
        if demo {
            do {
                let started = try await EmbeddedSandbox.start(
                    residentsFile: sandboxResidents, policyDirectory: sandboxPolicies, today: sandboxToday.flatMap { CalendarDate(iso: $0) },
                    kiosk: configuration.kiosk, logger: logger
                )
                logger.notice("embedded sandbox backend ready", metadata: [LogKey.backendURL: "\(started.url)", LogKey.sandboxToday: "\(started.today)"])
                sandbox = started
            } catch {
                logger.critical("cannot start the embedded sandbox backend: \(error)")
                throw ExitCode(ConfigCheck.exConfig)
            }
        }
        let state = DaemonState(configuration: configuration, configPath: config, mode: demo ? .demo : .production, database: database,
                                demoSandbox: sandbox?.endpoints)
        let payments: PaymentServices
        do {
            payments = try PaymentServices.make(configuration: await state.configuration, logger: logger)
        } catch {
            logger.critical("cannot open the payment journal: \(error)")
            await sandbox?.stop()
            throw ExitCode(ConfigCheck.exJournal)
        }
        await state.attach(journal: payments.journal)
        let cards = CardServices.make(demo: demo, configuration: configuration, database: database, logger: logger)
        if let pcsc = cards.pcsc { await state.attach(cardReader: pcsc) }
        let scanner = ScannerServices.make(demo: demo, configuration: configuration, database: database, clock: clock, logger: logger)
        if let usb = scanner.usb { await state.attach(scanner: usb) }
        let printer: PrinterServices
        do {
            printer = try PrinterServices.make(demo: demo, configuration: configuration, database: database)
        } catch {
            logger.critical("cannot start: \(error)", metadata: [LogKey.configPath: "\(config)"])
            await payments.shutdown()
            await sandbox?.stop()
            throw ExitCode(ConfigCheck.exConfig)
        }
        if let cups = printer.cups { await state.attach(printer: cups) }
        await state.attach(backend: payments.initialClient)
        if demo, let scannerDiagnostics = scanner.diagnostics {
            await state.attach(simulatedDevices: { [printerDiagnostics = printer.printer] in
                let slots: [DeviceStatus] = [DeviceRole.sscReader, .idcardReader].map {
                    DeviceStatus(role: $0, selector: "simulated", state: .online, detail: "simulated card slot (kioskd --demo)")
                }
                return slots + [await scannerDiagnostics.scannerInfo().status, await printerDiagnostics.printerInfo().status]
            })
        }
        var session: SessionServices?
        if let backend = payments.backend, let reconciliation = payments.reconciliation, let barcodeScanner = scanner.scanner {
            let devices = SessionController.Devices(cardReader: cards.reader, scanner: barcodeScanner, printer: printer.printer)
            session = await SessionServices.make(configuration: await state.configuration, devices: devices, backend: backend, journal: payments.journal,
                                                 reconciliation: reconciliation, logger: logger)
        }
        if let session { await state.attach(session: session.controller) }
        let observability = DaemonObservability.make(metrics: metrics, state: state, journal: payments.journal, session: session?.controller,
                                                     adminSocket: configuration.admin.socketPath)
        let environment = ProcessInfo.processInfo.environment
        let updater = ConfigUpdater(
            configPath: config, document: document, configuration: configuration, environment: environment,
            reloader: ConfigReloader(state: state, session: session?.controller, printer: printer.cups == nil ? nil : printer.printer,
                                     backend: payments.backend, database: database, logger: logger),
            gate: ConfigHealthGate(snapshot: ConfigHealthGate.daemonChecks(state: state, health: observability.health), clock: clock),
            logger: logger, beforeRename: Failpoint.hold(at: "config-before-rename", environment: environment, logger: logger)
        )
        await state.attach(configurationUpdates: updater)
        let poller = payments.backend.map { FleetConfigPoller(backend: $0, updater: updater, state: state, logger: logger) }
        if let poller { await updater.attach(poller: poller) }
        var backendHealth: BackendHealthService?
        if let session, let backend = payments.backend {
            // The demo's "backend down" switch asks for a check at once; a real outage is noticed within the interval.
            backendHealth = BackendHealthService(backend: backend, kioskID: configuration.kiosk.id, session: session.controller, logger: logger)
        }
        let notifier = SystemdNotifier(environment: environment)
        let ready = StartupBarrier(parts: ["admin", "ui"]) {
            notifier.notify("READY=1\nSTATUS=serving")
            logger.notice("kioskd ready", metadata: [
                LogKey.version: "\(KioskVersion.current)", LogKey.mode: "\(demo ? "demo" : "production")",
                LogKey.socket: "\(configuration.admin.socketPath)",
            ])
        }
        let audit = Logger(label: "kioskd.audit")
        let serviceTools = ResidentServiceTools(
            kioskID: configuration.kiosk.id, technicianPIN: technicianPIN, journalPath: configuration.journal.path, overlays: ScreenOverlayHub(),
            diagnostics: { await state.diagnostics() }, maintenance: state, printer: printer.printer,
            noResidentServed: { [controller = session?.controller] in ResidentServiceTools.isIdle(await controller?.state.kind) }, audit: audit, logger: logger
        )
        cards.diagnostics.readCardsForWatchers(when: serviceTools.noResidentServed)
        let screen: any Service
        do {
            let inherited = try SystemdSocketActivation.takeListeners(environment: environment)[SystemdSocketActivation.residentScreenName]
                .map { descriptor throws(KioskError) in try InheritedListener(descriptor: descriptor, name: SystemdSocketActivation.residentScreenName) }
            try inherited?.check(against: configuration.ui)
            screen = try ResidentUIServer.make(
                settings: configuration.ui, session: session?.controller,
                demo: DemoControlPanel.make(cards: cards, scanner: scanner, printer: printer, sandbox: sandbox, session: session, backendHealth: backendHealth),
                qrSVG: { QRCodeSVG.svg(for: $0) }, logger: logger, observability: observability, service: serviceTools,
                clock: clock, address: inherited.map { .inherited($0) }
            ) { port in
                logger.notice("resident screen ready", metadata: [LogKey.uiAddress: "http://\(configuration.ui.listenHost):\(port)/"])
                await ready.up("ui")
            }
        } catch {
            logger.critical("cannot start: \(error)", metadata: [LogKey.configPath: "\(config)"])
            await payments.shutdown()
            await sandbox?.stop()
            throw ExitCode(ConfigCheck.exConfig)
        }
        let admin: any Service
        do {
            admin = try AdminServer.make(settings: configuration.admin, status: state, cards: cards.diagnostics, scanner: scanner.diagnostics, printer: printer.printer,
                                     observability: observability, maintenance: state, configuration: updater, screen: serviceTools, logger: logger, audit: audit) {
                await ready.up("admin")
            }
        } catch {
            logger.critical("cannot start: \(error)")
            await payments.shutdown()
            await sandbox?.stop()
            throw ExitCode(ConfigCheck.exConfig)
        }
        // SIGHUP's default action ends the process. ConfigReloadService traps it only once the group
        // runs it, which can be after READY=1 (when more services start): until then a reload request is ignored, not fatal.
        signal(SIGHUP, SIG_IGN)
        // libpcsclite writes to pcscd's socket: when pcscd dies (restart, crash) that write must fail
        // with EPIPE, which the card reader recovers from, instead of killing the daemon.
        signal(SIGPIPE, SIG_IGN)
        // Stopped in reverse order: the card reader ends its watch streams before the admin server stops.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: admin),
            .init(service: screen),
            .init(service: updater),
            .init(service: ConfigReloadService(updater: updater)),
        ]
        if let pcsc = cards.pcsc { services.append(.init(service: pcsc)) }
        if let usb = scanner.usb { services.append(.init(service: usb)) }
        if let reconciliation = payments.reconciliation { services.append(.init(service: reconciliation)) }
        if let session { services += [.init(service: session.controller), .init(service: session.gate)] }
        if let backendHealth { services.append(.init(service: backendHealth)) }
        if let session {
            services.append(.init(service: JournalSpaceWatch(journal: payments.journal, session: session.controller, clock: clock, logger: logger)))
        }
        if let poller { services.append(.init(service: poller)) }
        if let session, let backend = payments.backend {
            services.append(.init(service: OwedReceiptService(
                journal: payments.journal, backend: backend, printer: printer.printer, history: printer.printer,
                kioskIsIdle: { [controller = session.controller] in await controller.state.kind == .attract },
                verificationOrigins: { [controller = session.controller] in controller.sessionSettings.verificationURLOrigins }, logger: logger
            )))
        }
        services.append(.init(service: SystemdWatchdogService(
            notifier: notifier,
            interval: SystemdNotifier.watchdogInterval(environment: environment),
            isHealthy: { await observability.health.evaluate().isHealthy }
        )))
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        do {
            try await group.run()
        } catch {
            await payments.shutdown()
            await sandbox?.stop()
            throw error
        }
        await payments.shutdown()
        await sandbox?.stop()
        logger.notice("kioskd stopped")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
