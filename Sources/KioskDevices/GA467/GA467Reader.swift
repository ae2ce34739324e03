import KioskCore
import Logging
import ServiceLifecycle
import Synchronization

/// The ID-card slot on a reader whose SAM kioskd drives with GA 467 commands itself, through a
/// `GA467Port`: frames on a serial line, or the vendor's sdtapi library.
///
/// A GA 467 SAM never speaks first, so the service asks "find card" (`20 01`) every
/// `pollInterval`: on a serial line a 10-byte command and a 15-byte answer, about 2 ms of line
/// time at 115200 baud, the rest of the time asleep. A card is present while find answers 9F and
/// gone when it answers 80. A reader that is missing or goes away (unplugged) is opened again every
/// `reopenInterval`. Each call has `commandTimeout`; a call that does not return by then (a vendor
/// library stuck in its driver) fails the read, and the slot stays faulty until that call returns.
public final class GA467Reader: Service, Sendable {
    public struct Settings: Sendable, Equatable {
        public var commandTimeout: Duration
        public var pollInterval: Duration
        public var reopenInterval: Duration

        public init(commandTimeout: Duration = .seconds(3), pollInterval: Duration = .milliseconds(500), reopenInterval: Duration = .seconds(2)) {
            self.commandTimeout = commandTimeout
            self.pollInterval = pollInterval
            self.reopenInterval = reopenInterval
        }
    }

    /// How technicians and `kioskctl cards` name this reader (`serial:/dev/…`, `sdtapi:…`).
    public var name: String { port.name }
    public let port: any GA467Port
    public let settings: Settings
    public let events: AsyncStream<CardEvent>
    private let eventSink: AsyncStream<CardEvent>.Continuation
    let watchers = EventFanOut<CardWatchEvent>()
    private let clock: any Clock<Duration>
    private let today: @Sendable () -> CalendarDate
    private let logger: Logger
    private let gate = RequestGate()
    private let queue = BlockingCallQueue(label: "ga467-reader")
    private let state = Mutex(State())
    /// Whether a card inserted now may be read for `cards watch` (no resident being served).
    private let watcherReadGate = Mutex<@Sendable () async -> Bool>({ true })

    struct State {
        var open = false
        var cardPresent = false
        /// Why the reader cannot be used now (missing device, silent SAM); nil while it answers.
        var problem: KioskError?
        /// The SAM's number, read when the port is opened.
        var samNumber: String?
        /// Bytes skipped before frames since kioskd started: line noise a technician should know of.
        var skippedBytes = 0
        /// The call that has not returned yet, past its timeout: nothing else is sent until it does.
        var stuckCall: String?
        /// Numbers the calls, so that a call returning just as the watchdog gives up is not taken for stuck.
        var callsStarted = 0
        var callsReturned = 0
    }

    public init(port: any GA467Port, settings: Settings, clock: any Clock<Duration>, today: @escaping @Sendable () -> CalendarDate, logger: Logger) {
        self.port = port
        self.settings = settings
        self.clock = clock
        self.today = today
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
    }

    // MARK: The service

    /// Polls until graceful shutdown, then closes the line and ends the streams.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let open = await self.poll()
                try? await self.clock.sleep(for: open ? self.settings.pollInterval : self.settings.reopenInterval)
            }
        }
        let (wasOpen, port) = (state.withLock { state in
            defer { state.open = false }
            return state.open
        }, self.port)
        if wasOpen { _ = await queue.run(timeout: settings.commandTimeout) { port.close() } }
        eventSink.finish()
        watchers.finish()
    }

    /// One "find card", opening the device first when needed; publishes what changed. True while the device is open.
    @discardableResult
    func poll() async -> Bool {
        do throws(KioskError) {
            try await gate.run { () throws(KioskError) in
                let found = try await self.exchange(.findCard)
                switch found.sw3 {
                case GA467Command.findCard.success: self.cardPresence(true)
                case GA467Command.noCard: self.cardPresence(false)
                default: try IDCardReading.check(found, after: .findCard)
                }
            }
            return true
        } catch {
            return state.withLock { $0.open }
        }
    }

    // MARK: Reading

    /// The card on the reader, refused (expired, invalid number) as the session must refuse it.
    public func read() async throws(KioskError) -> CardHolder {
        let holder = try await readCard()
        if let refusal = holder.refusal(today: today()) { throw refusal }
        return holder
    }

    /// The card as read, without judging it: technicians see expired cards and bad numbers too.
    public func readCard() async throws(KioskError) -> CardHolder {
        try await gate.run { () throws(KioskError) in
            try await IDCardReading.read { command throws(KioskError) in try await self.exchange(command) }
        }
    }

    /// One command on the reader's queue, opening the port first when it is not open.
    private func exchange(_ command: GA467Command) async throws(KioskError) -> GA467Response {
        if let stuck = state.withLock({ $0.stuckCall }) {
            throw KioskError(.cardNotResponding, "the ID reader \(name) has not returned from \(stuck) yet; nothing more is sent to it until it does")
        }
        let (port, timeout) = (self.port, settings.commandTimeout)
        let (call, opening) = state.withLock { state in
            state.callsStarted += 1
            return (state.callsStarted, !state.open)
        }
        // Opening first asks the SAM's status and number: three exchanges more.
        let outcome = await queue.run(timeout: timeout * (opening ? 4 : 1) + Self.watchdogMargin) { () -> Result<GA467Exchange, KioskError> in
            defer {
                self.state.withLock { state in
                    state.callsReturned = call
                    state.stuckCall = nil
                }
            }
            do throws(KioskError) {
                if !self.state.withLock({ $0.open }) { try self.openPort() }
                return .success(try port.exchange(command, timeout: timeout))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let exchange)?:
            noteAnswer(exchange)
            return exchange.response
        case .failure(let error)?:
            throw noteFailure(error)
        case nil:
            state.withLock { state in
                if state.callsReturned < call { state.stuckCall = "\(command)" }
            }
            throw noteFailure(KioskError(.cardNotResponding, "the ID reader \(name) did not return from \(command) within \(timeout)"))
        }
    }

    /// Time a port's call may take beyond its own timeout before the watchdog gives up on it.
    static let watchdogMargin: Duration = .seconds(1)

    /// Opens the port (on the queue), checks the SAM and reads its number.
    private func openPort() throws(KioskError) {
        try port.open(timeout: settings.commandTimeout)
        let number: String?
        do {
            let status = try port.exchange(.samStatus, timeout: settings.commandTimeout).response
            try IDCardReading.check(status, after: .samStatus)
            let answer = try port.exchange(.samNumber, timeout: settings.commandTimeout).response
            number = answer.sw3 == GA467Command.samNumber.success ? GA467SAMNumber(answer.data)?.description : nil
        } catch {
            port.close()
            throw error
        }
        state.withLock { state in
            state.open = true
            state.samNumber = number
            state.problem = nil
        }
        logger.notice("ID-card reader connected", metadata: [LogKey.reader: "\(name)", LogKey.detail: "SAM \(number ?? "number unknown")"])
        watchers.publish(CardWatchEvent(kind: .readerAdded, reader: name))
    }

    private func noteAnswer(_ exchange: GA467Exchange) {
        state.withLock { state in
            state.problem = nil
            state.skippedBytes += exchange.skippedBytes
        }
        if exchange.skippedBytes > 0 {
            logger.warning("ID-card reader: bytes before a frame skipped (line noise?)", metadata: [
                LogKey.reader: "\(name)", LogKey.detail: "\(exchange.skippedBytes) byte(s)",
            ])
        }
    }

    /// Records why the reader failed; a port that went away or fell silent is closed (and opened
    /// again at the next poll).
    private func noteFailure(_ error: KioskError) -> KioskError {
        let (fresh, lost, hadCard) = state.withLock { state -> (Bool, Bool, Bool) in
            let fresh = state.problem?.message != error.message
            state.problem = error
            guard error.code == .cardReaderMissing || error.code == .cardNotResponding, state.open else { return (fresh, false, false) }
            state.open = false
            defer { state.cardPresent = false }
            return (fresh, true, state.cardPresent)
        }
        if fresh { logger.error("ID-card reader fault", metadata: [LogKey.reader: "\(name)", LogKey.error: "\(error.code)", LogKey.detail: "\(error.message)"]) }
        guard lost else { return error }
        let port = self.port
        queue.send { port.close() }
        watchers.publish(CardWatchEvent(kind: .readerRemoved, reader: name))
        if hadCard {
            eventSink.yield(.removed(.idCard))
            watchers.publish(CardWatchEvent(kind: .cardRemoved, reader: name))
        }
        return error
    }

    private func cardPresence(_ present: Bool) {
        let changed = state.withLock { state in
            defer { state.cardPresent = present }
            return state.cardPresent != present
        }
        guard changed else { return }
        eventSink.yield(present ? .inserted(.idCard) : .removed(.idCard))
        watchers.publish(CardWatchEvent(kind: present ? .cardInserted : .cardRemoved, reader: name))
        guard present, watchers.hasSubscribers else { return }
        Task {
            guard await self.watcherReadGate.withLock({ $0 })() else { return self.watchers.publish(GA467Reader.notReadForWatchers(reader: self.name)) }
            await self.publishRead()
        }
    }

    private func publishRead() async {
        do throws(KioskError) {
            watchers.publish(CardWatchEvent(kind: .cardRead, reader: name, report: try await readReport()))
        } catch {
            watchers.publish(CardWatchEvent(kind: .cardRead, reader: name, problem: CardReport.Problem(code: error.code.rawValue, message: error.message)))
        }
    }

    // MARK: Technicians

    public var cardPresent: Bool { state.withLock { $0.cardPresent } }

    /// The card read for `kioskctl cards read`, masked.
    public func readReport() async throws(KioskError) -> CardReport {
        CardReport(holder: try await readCard(), reader: name, today: today())
    }

    public func readerInfo() -> CardReaderInfo {
        state.withLock { CardReaderInfo(name: name, role: CardKind.idCard.rawValue, cardPresent: $0.cardPresent, atr: nil) }
    }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        watcherReadGate.withLock { $0 = allowed }
    }

    public func watch() -> AsyncStream<CardWatchEvent> {
        let (open, present) = state.withLock { ($0.open, $0.cardPresent) }
        var initial: [CardWatchEvent] = []
        if open { initial.append(CardWatchEvent(kind: .readerAdded, reader: name)) }
        if present { initial.append(CardWatchEvent(kind: .cardInserted, reader: name)) }
        return watchers.subscribe(initial: initial)
    }

    /// The slot for `kioskctl status` and `diag`: the connection, its SAM's number, and any fault.
    public func status() -> DeviceStatus {
        let (open, problem, number, skipped, stuck) = state.withLock { ($0.open, $0.problem, $0.samNumber, $0.skippedBytes, $0.stuckCall) }
        let selector = name
        if let stuck {
            return DeviceStatus(role: .idcardReader, selector: selector, state: .hardwareError, requiredAction: .reset,
                                detail: "\(name) has not returned from \(stuck): unplug the reader and plug it in again, or restart kioskd")
        }
        if let problem, !open {
            return DeviceStatus(role: .idcardReader, selector: selector, state: .noDevice, requiredAction: .maintenance, detail: problem.message)
        }
        if let problem {
            return DeviceStatus(role: .idcardReader, selector: selector, state: .hardwareError, requiredAction: .reset, detail: problem.message)
        }
        guard open else {
            return DeviceStatus(role: .idcardReader, selector: selector, state: .offline, requiredAction: nil, detail: "\(name) not opened yet")
        }
        let noise = skipped > 0 ? ", \(skipped) byte(s) of line noise skipped since start" : ""
        return DeviceStatus(role: .idcardReader, selector: selector, state: .online, detail: "\(port.connection), SAM \(number ?? "number unknown")\(noise)")
    }

    static func notReadForWatchers(reader: String) -> CardWatchEvent {
        CardWatchEvent(kind: .cardRead, reader: reader, problem: CardReaderInfo.notReadForWatchers)
    }
}
