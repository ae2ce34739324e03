import Foundation
import KioskAPI
import KioskBackendAPI
import KioskConfig
import KioskCore
import KioskServer
import KioskSession
import Logging
import ServiceLifecycle

/// The kiosk's one poller of its backend. Each check (every 30 s, ±20 % so a fleet does not ask in
/// step) asks for the desired configuration with the last ETag, so an unchanged one costs a 304: the
/// answer, or its absence, tells `BackendHealth` whether the backend is there (an outage takes the
/// kiosk out of service), and a new bundle goes to the updater. What the kiosk runs is reported
/// every `[updates] poll_interval_s` (±20 %), after every change the updater announces and when an
/// outage ends.
actor BackendWatch: Service {
    let backend: any BackendClient
    let updater: ConfigUpdater
    let running: RunningConfiguration
    let devices: DeviceStatuses
    /// Nil when this kioskd serves no residents (no scanner): the checks still pull and report.
    let session: SessionController?
    let clock: any Clock<Duration>
    let wallClock: WallClock
    let logger: Logger
    private var health: BackendHealth
    private var etag: String?
    private var untilReport = Duration.zero
    private var pause: Task<Void, Never>?

    init(backend: any BackendClient, updater: ConfigUpdater, running: RunningConfiguration, devices: DeviceStatuses, session: SessionController?,
         timing: BackendHealth.Timing = .init(), clock: any Clock<Duration>, wallClock: WallClock, logger: Logger) {
        self.backend = backend
        self.updater = updater
        self.running = running
        self.devices = devices
        self.session = session
        self.health = BackendHealth(timing: timing)
        self.clock = clock
        self.wallClock = wallClock
        self.logger = logger
    }

    /// The outage the watch reported, while the backend is down.
    var currentOutage: KioskError.Code? { health.outage }

    /// Checks at once (the demo's "backend down" switch) instead of after the pause.
    func checkNow() {
        pause?.cancel()
    }

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.loop() }
                group.addTask {
                    // While the backend is down a report cannot land; the one at the outage's end says it all.
                    for await _ in self.updater.changes where await self.currentOutage == nil { await self.report() }
                }
            }
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            let outageEnded = await checkAndJudge()
            if health.outage == nil, outageEnded || untilReport <= .zero {
                await report()
            }
            let length = health.pause * Double.random(in: 0.8...1.2)
            let sleeper = Task { [clock] in _ = try? await clock.sleep(for: length) }
            pause = sleeper
            let slept = await clock.measure { await withTaskCancellationHandler { await sleeper.value } onCancel: { sleeper.cancel() } }
            pause = nil
            untilReport -= slept
        }
    }

    /// `kioskctl config pull`: one check now, then a report; the backend's failure is thrown.
    func poll() async throws(KioskError) {
        let outcome = await check()
        await judge(outcome)
        if case .failure(let error) = outcome { throw error }
        await report()
    }

    /// One check, judged; whether it ended an outage.
    private func checkAndJudge() async -> Bool {
        let wasDown = health.outage != nil
        await judge(await check())
        return wasDown && health.outage == nil
    }

    private func judge(_ outcome: Result<Void, KioskError>) async {
        let failure: KioskError.Code? = if case .failure(let error) = outcome { error.code } else { nil }
        guard let event = health.checked(failure: failure) else { return }
        switch event {
        case .serviceDegraded(let code):
            logger.error("backend does not answer: out of service once no resident is served", metadata: [LogKey.errorCode: "\(code.rawValue)"])
        case .serviceRestored(let code):
            logger.notice("backend answers again: back in service", metadata: [LogKey.errorCode: "\(code.rawValue)"])
        default: break
        }
        await session?.send(event)
    }

    /// Asks for the desired configuration: a new bundle goes to the updater (its refusal is recorded
    /// there); what was learnt is noted as the desired state.
    private func check() async -> Result<Void, KioskError> {
        let configuration = running.configuration
        var desired = await updater.desired
        desired.checkedAt = wallClock.now()
        do throws(KioskError) {
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
            return .success(())
        } catch where error.code == .backendRejected {
            etag = nil
            desired = .init(checkedAt: desired.checkedAt, problem: "none published: \(error.message)")
            await updater.noteDesired(desired)
            return .success(())
        } catch {
            desired.problem = error.message
            await updater.noteDesired(desired)
            if !BackendHealth.outageCodes.contains(error.code) {
                logger.warning("cannot fetch the desired configuration: \(error.message)")
            }
            return .failure(error)
        }
    }

    /// Tells the backend what runs here: versions, how the last change went, the devices.
    func report() async {
        untilReport = .seconds(Double(running.configuration.updates.stateReportIntervalSeconds) * Double.random(in: 0.8...1.2))
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
