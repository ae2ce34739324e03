import Foundation
import KioskBackendAPI
import KioskCore
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the resident session: feeds device, backend, journal, timer and touch events to the
/// `SessionStateMachine` and performs the actions it returns.
///
/// Pay codes are never logged or stored; logs carry names, codes and masked forms only.
public actor SessionController: Service {
    public struct Devices: Sendable {
        public var cardReader: any CardReader
        public var scanner: any BarcodeScanner
        public var printer: any ReceiptPrinter
        /// Nil when no payment terminal is configured (then `card` is not a payment method).
        public var terminal: (any PaymentTerminal)?

        public init(cardReader: any CardReader, scanner: any BarcodeScanner, printer: any ReceiptPrinter, terminal: (any PaymentTerminal)? = nil) {
            self.cardReader = cardReader
            self.scanner = scanner
            self.printer = printer
            self.terminal = terminal
        }
    }

    var machine: SessionStateMachine
    let kioskID: String
    let devices: Devices
    let backend: any BackendClient
    let journal: any PaymentJournal
    let clock: any Clock<Duration>
    let makeKey: @Sendable () -> String
    let now: @Sendable () -> Date
    let logger: Logger

    let stateChanges = EventFanOut<SessionState>()
    let screenChanges = EventFanOut<ScreenUpdate>()
    var stateEnteredAt: Date
    /// The machine's settings, for readers outside the actor (the screen's countdowns).
    let settingsMirror: Mutex<SessionSettings>
    var timerTasks: [TimerKind: Task<Void, Never>] = [:]
    /// Device and backend calls under way, cancelled on shutdown.
    var calls: [UUID: Task<Void, Never>] = [:]
    var listeners: [Task<Void, Never>] = []
    /// Counts sessions, so an answer to a call made for an earlier session is dropped.
    var sessionSerial = 0
    let journalWrites: AsyncStream<JournalWrite>.Continuation
    let journalQueue: AsyncStream<JournalWrite>
    var journalWriter: Task<Void, Never>?
    /// Journal writes handed to the writer and not yet done.
    var journalWritesPending = 0
    /// The machine's `reconcilePayments`, for whoever runs reconciliation (the `SettlementGate`).
    let reconciliationRequests = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    /// A pay code is used once: the same code scanned again within its validity is refused.
    /// The time pay codes are scanned at, on the controller's clock.
    let uptime: Stopwatch

    public init(
        settings: SessionSettings, kioskID: String, devices: Devices, backend: any BackendClient, journal: any PaymentJournal,
        clock: any Clock<Duration> = ContinuousClock(), makeKey: @escaping @Sendable () -> String = IdempotencyKeyGenerator.random,
        now: @escaping @Sendable () -> Date = WallClock.system.now, logger: Logger
    ) {
        machine = SessionStateMachine(settings: settings)
        settingsMirror = Mutex(settings)
        stateEnteredAt = now()
        self.kioskID = kioskID
        self.devices = devices.measured(on: clock)
        self.backend = backend
        self.journal = journal
        self.clock = clock
        uptime = Stopwatch(clock)
        self.makeKey = makeKey
        self.now = now
        self.logger = logger
        (journalQueue, journalWrites) = AsyncStream.makeStream(of: JournalWrite.self)
    }

    /// Each time money may have moved without a final journal state: reconcile at once.
    public nonisolated var reconciliationNeeded: AsyncStream<Void> { reconciliationRequests.stream }

    /// The state now (what the UI shows).
    public var state: SessionState { machine.state }

    /// No resident is being served (`SessionState.Kind.isBetweenResidents`): what the service menu,
    /// self-tests, card watchers and owed receipts wait for.
    public var noResidentServed: Bool { machine.state.kind.isBetweenResidents }

    /// The timers the session runs now, by kind (their generations): for diagnostics and tests.
    public var runningTimers: [TimerKind: Int] { machine.runningTimers }

    /// Device and backend calls whose answers the session still waits for, and journal writes not yet
    /// done: for diagnostics and tests (a session with none waits only on its timers).
    public var callsInFlight: Int { calls.count + journalWritesPending }

    /// The current state, then every change, until the controller stops.
    public func states() -> AsyncStream<SessionState> {
        stateChanges.subscribe(initial: [machine.state])
    }

    /// A resident's touch, or a daemon event (service degraded, maintenance…).
    public func send(_ event: SessionEvent) {
        let before = machine.state
        let actions = machine.handle(event)
        let after = machine.state
        if actions.isEmpty, before == after {
            logger.debug("event ignored", metadata: [LogKey.sessionEvent: "\(event.name)", LogKey.sessionState: "\(before.kind.rawValue)"])
            return
        }
        if !before.isSessionActive, after.isSessionActive { sessionSerial += 1 }
        if before != after {
            logger.debug("session state", metadata: [LogKey.sessionEvent: "\(event.name)", LogKey.sessionState: "\(after.kind.rawValue)"])
            stateEnteredAt = now()
            stateChanges.publish(after)
            publishScreen()
        }
        recordMetrics(before: before, after: after, actions: actions)
        for action in actions { perform(action) }
    }

    /// Delivers the answer of a call made during session `serial`; answers for an earlier session are dropped.
    func deliver(_ event: SessionEvent, serial: Int) {
        guard serial == sessionSerial else {
            logger.debug("stale answer dropped", metadata: [LogKey.sessionEvent: "\(event.name)"])
            return
        }
        send(event)
    }
}

extension SessionController {
    /// Listens to the card reader and the scanner until graceful shutdown, then wipes the session.
    public func run() async throws {
        startListening()
        try? await gracefulShutdown()
        await shutDown()
    }

    func startListening() {
        let cardEvents = devices.cardReader.events
        let scans = devices.scanner.scans
        listeners = [
            Task { [weak self] in
                for await event in cardEvents { await self?.cardEvent(event) }
            },
            Task { [weak self] in
                for await scan in scans { await self?.scanned(scan) }
            },
        ]
        let queue = journalQueue
        journalWriter = Task { [weak self] in
            for await write in queue { await self?.write(write) }
        }
    }

    func cardEvent(_ event: CardEvent) {
        switch event {
        case .inserted(let kind): send(.cardInserted(kind))
        case .removed(let kind): send(.cardRemoved(kind))
        }
    }

    /// The scan's text goes no further than the pay code handed to the machine (which uses a code
    /// only on the pay-code screen, once within its validity).
    func scanned(_ scan: BarcodeScan) {
        switch scan.classification {
        case .payCode(let payCode): send(.payCodeScanned(payCode, at: uptime.elapsed))
        case .esscToken(let token): send(.esscCodeScanned(token))
        case .idNumber, .other: send(.unrecognizedCodeScanned)
        }
    }

    /// Wipes the session and stops. A payment in flight stays unresolved in the journal (reconciled at
    /// start-up); calls under way are cancelled rather than waited for, journal writes already queued
    /// are finished (they are local and short).
    func shutDown() async {
        if case .stopped = machine.state { return }
        let inFlight = machine.state.paymentInFlight
        send(.shutdownRequested)
        if let inFlight {
            logger.notice("shutdown with a payment in flight: left for reconciliation",
                          metadata: [LogKey.paymentKey: "\(JournalKey.short(inFlight.idempotencyKey))"])
        }
        for task in listeners { task.cancel() }
        for task in calls.values { task.cancel() }
        for task in timerTasks.values { task.cancel() }
        calls = [:]
        timerTasks = [:]
        journalWrites.finish()
        await journalWriter?.value
        stateChanges.finish()
        screenChanges.finish()
    }
}

extension SessionController {
    func startTimer(_ kind: TimerKind, seconds: Int, generation: Int) {
        timerTasks[kind]?.cancel()
        let clock = clock
        timerTasks[kind] = Task { [weak self] in
            do {
                try await clock.sleep(for: .seconds(seconds))
            } catch {
                return
            }
            await self?.send(.timerFired(kind, generation: generation))
        }
    }

    func cancelTimer(_ kind: TimerKind) {
        timerTasks[kind]?.cancel()
        timerTasks[kind] = nil
    }
}
