import ArgumentParser
import Foundation
import KioskCore
import KioskDevices
import KioskServer
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

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

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
        let configuration: KioskConfiguration
        let database: DeviceDatabase
        do {
            configuration = try KioskConfiguration.load(path: config)
            database = try DeviceDatabase.load(directory: configuration.devices.database)
        } catch {
            logger.critical("cannot start: \(error)", metadata: [LogKey.configPath: "\(config)"])
            throw ExitCode(ConfigCheck.exConfig)
        }
        let state = DaemonState(configuration: configuration, configPath: config, mode: demo ? .demo : .production, database: database)
        let environment = ProcessInfo.processInfo.environment
        let notifier = SystemdNotifier(environment: environment)
        let admin: any Service
        do {
            admin = try AdminServer.make(settings: configuration.admin, status: state, logger: logger) {
                notifier.notify("READY=1\nSTATUS=serving")
                logger.notice("kioskd ready", metadata: [
                    LogKey.version: "\(KioskVersion.current)", LogKey.mode: "\(demo ? "demo" : "production")",
                    LogKey.socket: "\(configuration.admin.socketPath)",
                ])
            }
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode(ConfigCheck.exConfig)
        }
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: admin),
                .init(service: ConfigReloadService(state: state, logger: logger)),
                .init(service: SystemdWatchdogService(
                    notifier: notifier,
                    interval: SystemdNotifier.watchdogInterval(environment: environment),
                    isHealthy: { [socket = configuration.admin.socketPath] in
                        await Task.detached { AdminSocketHealthCheck(socketPath: socket).isHealthy() }.value
                    }
                )),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
        logger.notice("kioskd stopped")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
