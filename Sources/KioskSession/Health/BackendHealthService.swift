import KioskBackendAPI
import KioskCore
import Logging
import ServiceLifecycle

/// Watches whether the backend answers, so a kiosk that cannot take payments says so on its
/// screen (out of service) instead of letting a resident start and fail. Two failed checks in a
/// row take the kiosk out of service once no session is active; one good answer brings it back.
public actor BackendHealthService: Service {
    public struct Timing: Sendable {
        public var healthyInterval: Duration
        public var confirmDelay: Duration
        public var outageInterval: Duration

        public init(healthyInterval: Duration = .seconds(30), confirmDelay: Duration = .seconds(2), outageInterval: Duration = .seconds(5)) {
            self.healthyInterval = healthyInterval
            self.confirmDelay = confirmDelay
            self.outageInterval = outageInterval
        }
    }

    /// Codes that mean the backend is not there (an answer of any kind, even a refusal, means it is).
    public static let outageCodes: Set<KioskError.Code> = [.backendUnreachable, .backendTimeout, .backendServerError, .backendTLS]

    let backend: any BackendClient
    let kioskID: String
    let session: any SessionEventSink
    let timing: Timing
    let clock: any Clock<Duration>
    let logger: Logger
    private var etag: String?
    private var failuresInARow = 0
    private var outage: KioskError.Code?
    private var pause: Task<Void, Never>?

    public init(backend: any BackendClient, kioskID: String, session: any SessionEventSink, timing: Timing = Timing(), clock: any Clock<Duration>,
                logger: Logger) {
        self.backend = backend
        self.kioskID = kioskID
        self.session = session
        self.timing = timing
        self.clock = clock
        self.logger = logger
    }

    /// The outage this watcher reported, if the backend is down now.
    public var currentOutage: KioskError.Code? { outage }

    /// Checks at once (the demo's "backend down" switch) instead of waiting for the next interval.
    public func checkNow() {
        pause?.cancel()
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            await self.loop()
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            await check()
            let length = outage != nil ? timing.outageInterval : failuresInARow > 0 ? timing.confirmDelay : timing.healthyInterval
            let sleeper = Task { [clock] in _ = try? await clock.sleep(for: length) }
            pause = sleeper
            await withTaskCancellationHandler { await sleeper.value } onCancel: { sleeper.cancel() }
            pause = nil
        }
    }

    func check() async {
        do throws(KioskError) {
            switch try await backend.desiredConfiguration(kioskID: kioskID, region: nil, ifNoneMatch: etag) {
            case .changed(_, let newTag): etag = newTag
            case .unchanged: break
            }
            await answered()
        } catch where Self.outageCodes.contains(error.code) {
            await failed(error.code)
        } catch {
            await answered()
        }
    }

    private func answered() async {
        failuresInARow = 0
        guard let ended = outage else { return }
        outage = nil
        logger.notice("backend answers again: back in service", metadata: [LogKey.errorCode: "\(ended.rawValue)"])
        await session.send(.serviceRestored(ended))
    }

    private func failed(_ code: KioskError.Code) async {
        failuresInARow += 1
        guard failuresInARow >= 2, outage == nil else { return }
        outage = code
        logger.error("backend does not answer: out of service once no resident is served", metadata: [LogKey.errorCode: "\(code.rawValue)"])
        await session.send(.serviceDegraded(code))
    }
}

/// Where daemon-side events go: the SessionController.
public protocol SessionEventSink: Sendable {
    func send(_ event: SessionEvent) async
}

extension SessionController: SessionEventSink {}
