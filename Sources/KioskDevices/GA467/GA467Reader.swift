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
public final class GA467Reader: SlotReader {
    public var slot: CardKind { .idCard }

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
    public var events: AsyncStream<CardEvent> { polled.events }
    private let polled: PolledCardSlot
    private let clock: any Clock<Duration>
    private let today: @Sendable () -> CalendarDate
    private let logger: Logger
    private let gate = RequestGate()
    private let calls = WatchedCallQueue(label: "ga467-reader")
    private let state = Mutex(State())

    struct State {
        /// Why the reader cannot be used now (missing device, silent SAM); nil while it answers.
        var problem: KioskError?
        /// The SAM's number, read when the port is opened.
        var samNumber: String?
        /// Bytes skipped before frames since kioskd started: line noise a technician should know of.
        var skippedBytes = 0
    }

    public init(port: any GA467Port, settings: Settings, clock: any Clock<Duration>, today: @escaping @Sendable () -> CalendarDate, logger: Logger) {
        self.port = port
        self.settings = settings
        self.clock = clock
        self.today = today
        self.logger = logger
        polled = PolledCardSlot(kind: .idCard, name: port.name)
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
        let port = self.port
        if polled.isOpen { calls.send { port.close() } }
        polled.finish()
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
            return polled.isOpen
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
        // Refused without counting as the reader's fault: that is the stuck call's, already noted.
        if let refusal = calls.refusal(device: "the ID reader \(name)") { throw refusal }
        let (port, timeout, opening) = (self.port, settings.commandTimeout, !polled.isOpen)
        do throws(KioskError) {
            // Opening first asks the SAM's status and number: three exchanges more.
            let exchange = try await calls.run("\(command)", device: "the ID reader \(name)", timeout: timeout * (opening ? 4 : 1) + Self.watchdogMargin) {
                () throws(KioskError) -> GA467Exchange in
                if !self.polled.isOpen { try self.openPort() }
                return try port.exchange(command, timeout: timeout)
            }
            noteAnswer(exchange)
            return exchange.response
        } catch {
            throw noteFailure(error)
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
            state.samNumber = number
            state.problem = nil
        }
        polled.readerOpened()
        logger.notice("ID-card reader connected", metadata: [LogKey.reader: "\(name)", LogKey.detail: "SAM \(number ?? "number unknown")"])
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
        let fresh = state.withLock { state in
            defer { state.problem = error }
            return state.problem?.message != error.message
        }
        if fresh { logger.error("ID-card reader fault", metadata: [LogKey.reader: "\(name)", LogKey.error: "\(error.code)", LogKey.detail: "\(error.message)"]) }
        guard error.code == .cardReaderMissing || error.code == .cardNotResponding, polled.readerLost() else { return error }
        let port = self.port
        calls.send { port.close() }
        return error
    }

    private func cardPresence(_ present: Bool) {
        polled.cardPresence(present) { () throws(KioskError) in try await self.readReport() }
    }

    // MARK: Technicians

    public var cardPresent: Bool { polled.cardPresent }

    /// The card read for `kioskctl cards read`, masked.
    public func readReport() async throws(KioskError) -> CardReport {
        CardReport(holder: try await readCard(), reader: name, today: today())
    }

    public func readerInfo() -> CardReaderInfo { polled.readerInfo() }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        polled.readCardsForWatchers(when: allowed)
    }

    public func watch() -> AsyncStream<CardWatchEvent> { polled.watch() }

    /// The slot for `kioskctl status` and `diag`: the connection, its SAM's number, and any fault.
    public func status() -> DeviceStatus {
        let stuck = calls.stuckCall
        let open = polled.isOpen
        let (problem, number, skipped) = state.withLock { ($0.problem, $0.samNumber, $0.skippedBytes) }
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
}
