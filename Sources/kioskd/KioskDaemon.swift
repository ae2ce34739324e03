import ArgumentParser
import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskRuntime
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
        let metrics = KioskMetrics()
        metrics.bootstrap()
        // The one clock the services measure time with (tests build the kiosk on a TestClock), and
        // the one that says the date and time.
        let clock = ContinuousClock()
        let wallClock = WallClock.system
        let kiosk: Kiosk
        do {
            // The PIN's credential is read with the configuration: nothing has started yet to stop.
            let loaded = try LoadedConfiguration.load(path: config, environment: ProcessInfo.processInfo.environment)
            let devices: DeviceSet = demo ? .simulated()
                : try .hardware(configuration: loaded.configuration, database: loaded.database, clock: clock, wallClock: wallClock, logger: logger)
            let journal: SQLitePaymentJournal
            do {
                journal = try SQLitePaymentJournal(path: loaded.configuration.journal.path)
            } catch {
                logger.critical("cannot open the payment journal: \(error)")
                throw ExitCode(ConfigCheck.exJournal)
            }
            kiosk = try await buildKiosk(
                configuration: loaded,
                devices: devices,
                backend: demo ? .embeddedSandbox(residentsFile: sandboxResidents, policyDirectory: sandboxPolicies,
                                                 today: sandboxToday.flatMap { CalendarDate(iso: $0) }) : .configured,
                journal: journal, clock: clock, wallClock: wallClock, metrics: metrics, logger: logger, audit: Logger(label: "kioskd.audit")
            )
        } catch let exit as ExitCode {
            throw exit
        } catch {
            logger.critical("cannot start: \(error)", metadata: [LogKey.configPath: "\(config)"])
            throw ExitCode(ConfigCheck.exConfig)
        }
        // SIGHUP's default action ends the process. ConfigReloadService traps it only once the group
        // runs it, which can be after READY=1 (when more services start): until then a reload request is ignored, not fatal.
        signal(SIGHUP, SIG_IGN)
        // libpcsclite writes to pcscd's socket: when pcscd dies (restart, crash) that write must fail
        // with EPIPE, which the card reader recovers from, instead of killing the daemon.
        signal(SIGPIPE, SIG_IGN)
        try await kiosk.run(gracefulShutdownSignals: [.sigterm, .sigint])
        logger.notice("kioskd stopped")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
