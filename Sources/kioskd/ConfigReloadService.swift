import KioskCore
import KioskServer
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads kiosk.conf on SIGHUP. An invalid file is refused and the running configuration stays.
struct ConfigReloadService: Service {
    let state: DaemonState
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            let path = state.configPath
            do {
                let configuration = try KioskConfiguration.load(path: path)
                await state.replaceConfiguration(configuration)
                logger.notice("configuration reloaded", metadata: [
                    LogKey.configPath: "\(path)", LogKey.configVersion: "\(configuration.kiosk.configVersion)",
                ])
            } catch let error as ConfigValidationError {
                logger.error("configuration reload refused; keeping the running configuration", metadata: [
                    LogKey.configPath: "\(path)", LogKey.problemCount: "\(error.problems.count)",
                ])
                for problem in error.problems { logger.error("\(problem)") }
            } catch {
                logger.error("configuration reload failed; keeping the running configuration: \(error)")
            }
        }
    }
}
