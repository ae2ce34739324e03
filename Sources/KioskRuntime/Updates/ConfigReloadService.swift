import ServiceLifecycle
import UnixSignals

/// Reloads kiosk.conf on SIGHUP, through the updater (between residents, only what changed). An
/// invalid file is refused and the running configuration stays.
struct ConfigReloadService: Service {
    let updater: ConfigUpdater

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await updater.requestReload()
        }
    }
}
