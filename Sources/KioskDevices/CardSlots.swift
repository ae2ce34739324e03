import KioskCore
import ServiceLifecycle

/// The kiosk's two card slots, each on the back end kiosk.conf names for it: pcscd (the SSC slot
/// always; the ID-card slot too unless it is elsewhere), or a GA 467 reader on a serial line for
/// the ID-card slot. The session, `kioskctl cards` and `diag` see one reader whatever the back ends.
/// As a Service it runs each back end and passes their insertions and removals on.
public final class CardSlots: CardReader, CardDiagnostics, Service {
    public let pcsc: PCSCCardReader
    public let serialIDCard: GA467SerialReader?
    public let events: AsyncStream<CardEvent>
    private let eventSink: AsyncStream<CardEvent>.Continuation

    public init(pcsc: PCSCCardReader, serialIDCard: GA467SerialReader?) {
        self.pcsc = pcsc
        self.serialIDCard = serialIDCard
        (events, eventSink) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
    }

    public func run() async throws {
        let (pcsc, serial, sink) = (self.pcsc, serialIDCard, eventSink)
        await withDiscardingTaskGroup { group in
            group.addTask { try? await pcsc.run() }
            group.addTask { for await event in pcsc.events { sink.yield(event) } }
            if let serial {
                group.addTask { try? await serial.run() }
                group.addTask { for await event in serial.events { sink.yield(event) } }
            }
        }
        eventSink.finish()
    }

    public func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        if kind == .idCard, let serialIDCard { return try await serialIDCard.read() }
        return try await pcsc.read(kind)
    }

    /// The slot's state for `kioskctl status` and `diag`.
    public func status(of kind: CardKind) -> DeviceStatus {
        if kind == .idCard, let serialIDCard { return serialIDCard.status() }
        return pcsc.status(of: kind)
    }

    // MARK: Technicians

    public func readers() async -> [CardReaderInfo] {
        await pcsc.readers() + (serialIDCard.map { [$0.readerInfo()] } ?? [])
    }

    public func watch() -> AsyncStream<CardWatchEvent> {
        guard let serialIDCard else { return pcsc.watch() }
        let sources = [pcsc.watch(), serialIDCard.watch()]
        let (merged, sink) = AsyncStream.makeStream(of: CardWatchEvent.self, bufferingPolicy: .bufferingNewest(64))
        let forwarding = Task {
            await withDiscardingTaskGroup { group in
                for source in sources {
                    group.addTask { for await event in source { sink.yield(event) } }
                }
            }
            sink.finish()
        }
        sink.onTermination = { _ in forwarding.cancel() }
        return merged
    }

    public func readReport(reader: String?) async throws(KioskError) -> CardReport {
        guard let serialIDCard else { return try await pcsc.readReport(reader: reader) }
        let serialAsked = reader.map { $0 == serialIDCard.name || $0 == serialIDCard.settings.path } ?? false
        // No reader named: the SSC slot first, as on pcscd alone, then the serial ID-card slot.
        let sscCardIn = await pcsc.readers().contains { $0.role == CardKind.socialSecurityCard.rawValue && $0.cardPresent }
        if serialAsked || reader == nil && !sscCardIn && serialIDCard.cardPresent {
            return try await serialIDCard.readReport()
        }
        return try await pcsc.readReport(reader: reader)
    }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        pcsc.readCardsForWatchers(when: allowed)
        serialIDCard?.readCardsForWatchers(when: allowed)
    }
}
