import KioskConfig
import KioskCore
import Logging
import ServiceLifecycle
import Synchronization

/// The kiosk's card slots on real PC/SC readers: an SSC in a contact reader and the resident ID
/// card behind an ID reader's SAM (GA 467 frames tunnelled in APDUs). As a Service it watches
/// the readers; `read` connects exclusively, reads, and leaves the card for the next read.
public final class PCSCCardReader: CardReader, CardDiagnostics, Service {
    public let events: AsyncStream<CardEvent>
    private let eventSink: AsyncStream<CardEvent>.Continuation
    private let watchers = EventFanOut<CardWatchEvent>()
    private let assignment: PCSCReaderAssignment
    private let commandTimeout: Duration
    private let today: @Sendable () -> CalendarDate
    private let logger: Logger
    private let channel = Mutex<PCSCChannel?>(nil)
    /// Slots whose card stopped answering; cleared when the card leaves the reader.
    private let faults = Mutex<[CardKind: String]>([:])
    /// The last card each slot saw, as its ATR in hex: technicians compare it with the card they used.
    private let lastATRs = Mutex<[CardKind: String]>([:])
    /// Whether a card inserted now may be read for `cards watch` (no resident being served).
    private let watcherReadGate = Mutex<@Sendable () async -> Bool>({ true })
    private let monitor = PCSCReaderMonitor()

    /// How long a busy reader (another read holds it exclusively) is waited for.
    static let sharingRetries = 30
    static let sharingRetryDelay = Duration.milliseconds(100)

    public convenience init(devices: KioskConfiguration.Devices, database: DeviceDatabase, today: @escaping @Sendable () -> CalendarDate, logger: Logger) {
        self.init(sscReader: devices.sscReader, idcardReader: devices.idcardReader, database: database,
                  commandTimeout: .milliseconds(devices.cardCommandTimeoutMilliseconds), today: today, logger: logger)
    }

    public init(
        sscReader: ReaderSelector, idcardReader: ReaderSelector, database: DeviceDatabase, commandTimeout: Duration,
        today: @escaping @Sendable () -> CalendarDate, logger: Logger
    ) {
        (events, eventSink) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
        assignment = PCSCReaderAssignment(sscReader: sscReader, idcardReader: idcardReader, database: database)
        self.commandTimeout = commandTimeout
        self.today = today
        self.logger = logger
    }

    /// Follows pcscd's readers and cards until graceful shutdown, then stops the monitor's thread
    /// (which ends its events) and the streams.
    public func run() async throws {
        let monitor = self.monitor
        monitor.start()
        async let followed: Void = { for await event in monitor.events { self.handle(event) } }()
        try? await gracefulShutdown()
        await BlockingCallQueue(label: "pcsc-stop").run(timeout: nil) { monitor.stop() }
        await followed
        eventSink.finish()
        watchers.finish()
    }

    // MARK: Reading

    public func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        let holder = try await readCard(kind: kind, readerName: nil).holder
        if let refusal = holder.refusal(today: today()) { throw refusal }
        return holder
    }

    /// Reads without judging the card: technicians see expired cards and bad numbers too.
    func readCard(kind requestedKind: CardKind?, readerName requestedReader: String?) async throws(KioskError)
        -> (holder: CardHolder, reader: String, commands: Int) {
        let (reader, kind) = try await locate(kind: requestedKind, reader: requestedReader)
        let model = assignment.model(ofReader: reader)
        var retriedService = false
        var sharingRetries = 0
        while true {
            let channel = try await currentChannel()
            let watchdog = PCSCCommandWatchdog(timeout: commandTimeout)
            let attempt = await channel.queue.runTask(watchdog: watchdog) { () async -> PCSCReadAttempt in
                await Self.attemptRead(kind: kind, reader: reader, profile: model, channel: channel, watchdog: watchdog)
            }
            switch attempt {
            case nil:
                abandon(channel)
                throw noteFault(kind, reader: reader, KioskError(.cardNotResponding, "no answer from the card within \(commandTimeout)"))
            case .read(let holder, let commands)?:
                faults.withLock { $0[kind] = nil }
                return (holder, reader, commands)
            case .failed(let error)?:
                if error.code == .cardReaderMissing { invalidate(channel) }
                throw error
            case .connectFailed(let failure)? where failure.status.meansServiceGone && !retriedService:
                // pcscd restarted since this channel was opened.
                retriedService = true
                invalidate(channel)
            case .connectFailed(let failure)? where failure.status == .sharingViolation && sharingRetries < Self.sharingRetries:
                sharingRetries += 1
                try? await Task.sleep(for: Self.sharingRetryDelay)
            case .connectFailed(let failure)? where failure.status == .noSmartcard || failure.status == .removedCard:
                throw KioskError(.cardRemoved, "there is no card in \(reader)")
            case .connectFailed(let failure)?:
                if failure.status.meansServiceGone { invalidate(channel) }
                throw failure.kioskError
            }
        }
    }

    /// Connect, read, disconnect: on the channel's thread, every blocking call under the watchdog.
    private static func attemptRead(
        kind: CardKind, reader: String, profile model: ReaderModel?, channel: PCSCChannel, watchdog: PCSCCommandWatchdog
    ) async -> PCSCReadAttempt {
        let connection: PCSCCardConnection
        switch watchdog.guarding({ channel.context.connect(reader: reader) }) {
        case .success(let value): connection = value
        case .failure(let failure): return .connectFailed(failure)
        }
        var exchange = APDUExchange(PCSCTransport(connection: connection, watchdog: watchdog))
        do throws(KioskError) {
            let holder = switch kind {
            case .socialSecurityCard: try await SSCCardReading.read(&exchange, profile: model?.ssc ?? .standard)
            case .idCard: try await IDCardReading.read(&exchange, profile: model?.idcard ?? .standard)
            }
            watchdog.guarding { connection.disconnect(reset: false) }
            return .read(holder, commands: exchange.commandsSent)
        } catch {
            // Also after an overrun, once the stuck call has returned: the next read starts from a reset card.
            connection.disconnect(reset: true)
            return .failed(error)
        }
    }

    /// The reader to read and the kind of card it holds.
    private func locate(kind: CardKind?, reader pattern: String?) async throws(KioskError) -> (String, CardKind) {
        var names = monitor.readers.map(\.name)
        if names.isEmpty {
            let context = try await currentChannel().context
            names = (try? context.readerNames()) ?? []
        }
        if let pattern {
            guard let name = names.first(where: { $0 == pattern }) ?? names.first(where: { ReaderSelector.matches($0, pattern: pattern) }) else {
                throw KioskError(.cardReaderMissing, "no reader matches \"\(pattern)\" (pcscd has \(Self.list(names)))")
            }
            return (name, kind ?? assignment.kind(ofReader: name) ?? Self.kind(servedBy: assignment.model(ofReader: name)))
        }
        let kind = kind ?? .socialSecurityCard
        guard let name = assignment.reader(for: kind, among: names) else {
            throw KioskError(.cardReaderMissing, "no reader for the \(kind.rawValue) slot (selector \"\(assignment.selector(for: kind))\"; pcscd has \(Self.list(names)))")
        }
        return (name, kind)
    }

    private static func kind(servedBy model: ReaderModel?) -> CardKind {
        guard let model else { return .socialSecurityCard }
        return model.roles.contains(.sscReader) ? .socialSecurityCard : .idCard
    }

    static func list(_ names: [String]) -> String {
        names.isEmpty ? "no readers" : names.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    // MARK: The channel reads run on

    private func currentChannel() async throws(KioskError) -> PCSCChannel {
        if let channel = channel.withLock({ $0 }) { return channel }
        let opened = try await PCSCChannel.open(timeout: commandTimeout)
        return channel.withLock { current in
            if let current { return current }
            current = opened
            return opened
        }
    }

    private func invalidate(_ stale: PCSCChannel) {
        channel.withLock { current in
            if current === stale { current = nil }
        }
    }

    /// Gives up on a channel blocked in libpcsclite. The read still running on it resets the card
    /// and lets go of the channel (and its context) once the stuck call returns.
    private func abandon(_ stale: PCSCChannel) {
        invalidate(stale)
        stale.context.cancel()
    }

    private func noteFault(_ kind: CardKind, reader: String, _ error: KioskError) -> KioskError {
        let detail = "the card in \(reader) stopped answering (\(error.message)): remove the card; if the next card does the same, "
            + "reconnect the reader's cable or restart pcscd"
        faults.withLock { $0[kind] = detail }
        logger.error("card reader fault", metadata: [LogKey.reader: "\(reader)", LogKey.error: "\(error.code)"])
        return KioskError(error.code, detail)
    }

    // MARK: Monitor events

    private func handle(_ event: PCSCMonitorEvent) {
        switch event {
        case .readerAdded(let name):
            logger.notice("card reader connected", metadata: [LogKey.reader: "\(name)"])
            watchers.publish(CardWatchEvent(kind: .readerAdded, reader: name))
        case .readerRemoved(let name):
            logger.warning("card reader disconnected", metadata: [LogKey.reader: "\(name)"])
            watchers.publish(CardWatchEvent(kind: .readerRemoved, reader: name))
        case .cardInserted(let reader, let atr):
            if let kind = assignment.kind(ofReader: reader) {
                lastATRs.withLock { $0[kind] = HexBytes.format(atr, separator: "") }
                eventSink.yield(.inserted(kind))
            }
            watchers.publish(CardWatchEvent(kind: .cardInserted, reader: reader, atr: HexBytes.format(atr, separator: "")))
            if watchers.hasSubscribers {
                Task {
                    guard await self.watcherReadGate.withLock({ $0 })() else { return self.watchers.publish(Self.notReadForWatchers(reader: reader)) }
                    await self.publishRead(of: reader)
                }
            }
        case .cardRemoved(let reader):
            if let kind = assignment.kind(ofReader: reader) {
                faults.withLock { $0[kind] = nil }
                eventSink.yield(.removed(kind))
            }
            watchers.publish(CardWatchEvent(kind: .cardRemoved, reader: reader))
        case .serviceLost(let message):
            logger.error("pcscd unreachable; waiting for it to come back", metadata: [LogKey.error: "\(message)"])
            watchers.publish(CardWatchEvent(kind: .serviceLost, problem: CardReport.Problem(code: KioskError.Code.pcscUnavailable.rawValue, message: message)))
        case .serviceRestored:
            logger.notice("pcscd reachable again")
            watchers.publish(CardWatchEvent(kind: .serviceRestored))
        }
    }

    private func publishRead(of reader: String) async {
        do throws(KioskError) {
            watchers.publish(CardWatchEvent(kind: .cardRead, reader: reader, report: try await readReport(reader: reader)))
        } catch {
            watchers.publish(CardWatchEvent(kind: .cardRead, reader: reader, problem: CardReport.Problem(code: error.code.rawValue, message: error.message)))
        }
    }

    // MARK: Diagnostics

    public func readers() async -> [CardReaderInfo] {
        monitor.readers.map { state in
            CardReaderInfo(name: state.name, role: assignment.kind(ofReader: state.name)?.rawValue, cardPresent: state.knownCardPresent,
                           atr: state.knownCardPresent ? state.atrText : nil)
        }
    }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        watcherReadGate.withLock { $0 = allowed }
    }

    public func watch() -> AsyncStream<CardWatchEvent> {
        var initial: [CardWatchEvent] = []
        for state in monitor.readers {
            initial.append(CardWatchEvent(kind: .readerAdded, reader: state.name))
            if state.knownCardPresent { initial.append(CardWatchEvent(kind: .cardInserted, reader: state.name, atr: state.atrText)) }
        }
        return watchers.subscribe(initial: initial)
    }

    public func readReport(reader: String?) async throws(KioskError) -> CardReport {
        var kind: CardKind?
        if reader == nil {
            // The slot with a card in it, the SSC slot first.
            let present = monitor.readers.filter(\.knownCardPresent).map(\.name)
            kind = assignment.reader(for: .socialSecurityCard, among: present) != nil ? .socialSecurityCard
                : assignment.reader(for: .idCard, among: present) != nil ? .idCard : nil
        }
        let read = try await readCard(kind: kind, readerName: reader)
        return CardReport(holder: read.holder, reader: read.reader, today: today())
    }

    /// Whether pcscd answers now.
    public var pcscdReachable: Bool { monitor.isServiceReachable }

    /// The ATR of the last card inserted in the slot since kioskd started, if any.
    public func lastATR(of kind: CardKind) -> String? { lastATRs.withLock { $0[kind] } }

    /// Whether the reader serving the slot is a virtual one (its model says `virtual = true`).
    public func servedByVirtualReader(_ kind: CardKind) -> Bool {
        guard let reader = assignment.reader(for: kind, among: monitor.readers.map(\.name)) else { return false }
        return assignment.model(ofReader: reader)?.isVirtual == true
    }

    /// The slot's state for `kioskctl status`: the reader's presence and any card fault.
    public func status(of kind: CardKind) -> DeviceStatus {
        let role: DeviceRole = kind == .socialSecurityCard ? .sscReader : .idcardReader
        let selector = assignment.selector(for: kind)
        let names = monitor.readers.map(\.name)
        guard let reader = assignment.reader(for: kind, among: names) else {
            return DeviceStatus(role: role, selector: selector.description, state: .noDevice, requiredAction: .maintenance,
                                detail: "no reader for this slot (pcscd has \(Self.list(names)))")
        }
        // A fault is the card's: it ends when the slot is empty, even before the removal event is handled.
        if let fault = faults.withLock({ $0[kind] }), monitor.readers.first(where: { $0.name == reader })?.knownCardPresent == true {
            return DeviceStatus(role: role, selector: selector.description, state: .hardwareError, requiredAction: .reset, detail: fault)
        }
        return DeviceStatus(role: role, selector: selector.description, state: .online, detail: reader)
    }

    /// Measured reads for `kiosk-bench`: the holder is dropped, the number of APDUs kept.
    public func benchmarkRead(_ kind: CardKind) async throws(KioskError) -> Int {
        try await readCard(kind: kind, readerName: nil).commands
    }
}

/// How one read on the channel's thread ended.
enum PCSCReadAttempt: Sendable {
    case read(CardHolder, commands: Int)
    case failed(KioskError)
    case connectFailed(PCSCFailure)
}
