import KioskCore
import ServiceLifecycle

/// The kiosk's two card slots, each on the back end kiosk.conf names for it: pcscd (the SSC slot
/// always; the ID-card slot too unless it is elsewhere), or, for the ID-card slot, a reader whose
/// SAM kioskd drives with GA 467 commands (on a serial line, or through the vendor's sdtapi). The session, `kioskctl cards` and `diag` see one reader whatever the back ends.
/// As a Service it runs each back end and passes their insertions and removals on.
public final class CardSlots: CardReader, CardDiagnostics, Service {
    public let pcsc: PCSCCardReader
    /// The ID-card slot's reader when kioskd drives its SAM itself (serial line, sdtapi).
    public let ga467: GA467Reader?
    public let events: AsyncStream<CardEvent>
    private let eventSink: AsyncStream<CardEvent>.Continuation

    public init(pcsc: PCSCCardReader, ga467: GA467Reader?) {
        self.pcsc = pcsc
        self.ga467 = ga467
        (events, eventSink) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
    }

    public func run() async throws {
        let (pcsc, serial, sink) = (self.pcsc, ga467, eventSink)
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
        if kind == .idCard, let ga467 { return try await ga467.read() }
        return try await pcsc.read(kind)
    }

    /// The slot's state for `kioskctl status` and `diag`.
    public func status(of kind: CardKind) -> DeviceStatus {
        if kind == .idCard, let ga467 { return ga467.status() }
        return pcsc.status(of: kind)
    }

    // MARK: Technicians

    public func readers() async -> [CardReaderInfo] {
        await pcsc.readers() + (ga467.map { [$0.readerInfo()] } ?? [])
    }

    public func watch() -> AsyncStream<CardWatchEvent> {
        guard let ga467 else { return pcsc.watch() }
        let sources = [pcsc.watch(), ga467.watch()]
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
        guard let ga467 else { return try await pcsc.readReport(reader: reader) }
        let ga467Asked = reader == ga467.name
        // No reader named: the SSC slot first, as on pcscd alone, then the ID-card slot.
        let sscCardIn = await pcsc.readers().contains { $0.role == CardKind.socialSecurityCard.rawValue && $0.cardPresent }
        if ga467Asked || reader == nil && !sscCardIn && ga467.cardPresent {
            return try await ga467.readReport()
        }
        return try await pcsc.readReport(reader: reader)
    }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        pcsc.readCardsForWatchers(when: allowed)
        ga467?.readCardsForWatchers(when: allowed)
    }
}
