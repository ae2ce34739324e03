import Foundation
import KioskAPI
import KioskBackendAPI
import KioskConfig
import KioskCore
import KioskServer
import KioskSession
import Logging
import ServiceLifecycle

/// The kiosk's side of the device twin: asks the backend for its desired configuration (with the
/// last ETag, at a jittered interval so a fleet does not poll in step), hands a new bundle to the
/// updater, and reports what it runs and how that went — after every poll and every change the
/// updater announces.
actor FleetConfigPoller: Service {
    let backend: any BackendClient
    let updater: ConfigUpdater
    let running: RunningConfiguration
    let devices: DeviceStatuses
    let session: SessionController?
    let clock: any Clock<Duration>
    let wallClock: WallClock
    let logger: Logger
    private var etag: String?

    init(backend: any BackendClient, updater: ConfigUpdater, running: RunningConfiguration, devices: DeviceStatuses, session: SessionController?,
         clock: any Clock<Duration>, wallClock: WallClock, logger: Logger) {
        self.wallClock = wallClock
        self.backend = backend
        self.updater = updater
        self.running = running
        self.devices = devices
        self.session = session
        self.clock = clock
        self.logger = logger
    }

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.loop() }
                group.addTask {
                    for await _ in self.updater.changes { await self.report() }
                }
            }
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            try? await poll()
            let interval = Double(running.configuration.updates.pollIntervalSeconds)
            try? await clock.sleep(for: .seconds(interval * Double.random(in: 0.8...1.2)))
        }
    }

    /// One poll: a new bundle goes to the updater (its refusal is recorded there); then a report.
    func poll() async throws(KioskError) {
        let configuration = running.configuration
        var desired = await updater.desired
        desired.checkedAt = wallClock.now()
        do {
            switch try await backend.desiredConfiguration(kioskID: configuration.kiosk.id, region: configuration.kiosk.region, ifNoneMatch: etag) {
            case .unchanged:
                desired.problem = nil
                await updater.noteDesired(desired)
            case .changed(let signed, let newTag):
                let bundle = ConfigBundle(format: signed.format, payload: signed.payload, signature: signed.signature, keyID: signed.keyId)
                etag = newTag
                desired = .init(version: try? bundle.unverifiedManifest().version, etag: newTag, checkedAt: desired.checkedAt)
                await updater.noteDesired(desired)
                if let version = desired.version, await updater.alreadyTaken(version) {
                    logger.info("the desired configuration is not above what this kiosk has taken (applied, queued or rolled back from): nothing to do", metadata: [LogKey.configVersion: "\(version)"])
                } else {
                    _ = try? await updater.submit(bundle.encoded(), source: .fleet)
                }
            }
        } catch where error.code == .backendRejected {
            etag = nil
            desired = .init(checkedAt: desired.checkedAt, problem: "none published: \(error.message)")
            await updater.noteDesired(desired)
        } catch {
            desired.problem = error.message
            await updater.noteDesired(desired)
            logger.warning("cannot fetch the desired configuration: \(error.message)")
            await report()
            throw error
        }
        await report()
    }

    /// Tells the backend what runs here: versions, how the last change went, the devices.
    func report() async {
        let configuration = running.configuration
        let status = await updater.status()
        let devices = await devices.current().map { device in
            Components.Schemas.DeviceReport(role: device.role.rawValue, state: .init(rawValue: device.state.rawValue) ?? .offline,
                                            paper: device.paper.flatMap { .init(rawValue: $0.rawValue) }, detail: device.detail)
        }
        let report = BackendStateReport(
            reportedAt: wallClock.now(), version: KioskVersion.current, configVersion: status.version, desiredConfigVersion: status.desired.version,
            configStatus: .init(rawValue: status.state.rawValue), configDetail: status.detail,
            sessionState: await session?.state.kind.rawValue, devices: devices)
        do {
            try await backend.reportState(kioskID: configuration.kiosk.id, report)
        } catch {
            logger.warning("cannot report the kiosk's state: \(error.message)")
        }
    }
}
