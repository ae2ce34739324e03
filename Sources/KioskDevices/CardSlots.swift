import KioskCore
import ServiceLifecycle

/// A reader of one slot that kioskd drives itself rather than through pcscd: the SSC reader's
/// standard library (`SSCLibraryReader`), an ID reader's SAM on a serial line or through sdtapi
/// (`GA467Reader`). Each asks for its card by polling (`PolledCardSlot`).
public protocol SlotReader: Service, Sendable {
    var slot: CardKind { get }
    /// `library:…`, `serial:…`, `sdtapi:…`.
    var name: String { get }
    var events: AsyncStream<CardEvent> { get }
    var cardPresent: Bool { get }
    /// The card, refused (expired, invalid number) as the session must refuse it.
    func read() async throws(KioskError) -> CardHolder
    /// The card read for technicians, masked and not judged.
    func readReport() async throws(KioskError) -> CardReport
    func readerInfo() -> CardReaderInfo
    func watch() -> AsyncStream<CardWatchEvent>
    func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool)
    func status() -> DeviceStatus
}

/// The kiosk's two card slots, each on the back end kiosk.conf names for it: pcscd, or a reader
/// kioskd drives itself (`SlotReader`). The session, `kioskctl cards` and `diag` see one reader
/// whatever the back ends. As a Service it runs each back end and passes their insertions and removals on.
public final class CardSlots: CardReader, CardDiagnostics, Service {
    public let pcsc: PCSCCardReader
    /// The slots not on pcscd, by kind.
    public let ownReaders: [CardKind: any SlotReader]
    public let events: AsyncStream<CardEvent>
    private let eventSink: AsyncStream<CardEvent>.Continuation

    public init(pcsc: PCSCCardReader, ownReaders: [any SlotReader] = []) {
        self.pcsc = pcsc
        self.ownReaders = Dictionary(ownReaders.map { ($0.slot, $0) }) { first, _ in first }
        (events, eventSink) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
    }

    public func run() async throws {
        let (pcsc, readers, sink) = (self.pcsc, Array(ownReaders.values), eventSink)
        await withDiscardingTaskGroup { group in
            group.addTask { try? await pcsc.run() }
            group.addTask { for await event in pcsc.events { sink.yield(event) } }
            for reader in readers {
                group.addTask { try? await reader.run() }
                group.addTask { for await event in reader.events { sink.yield(event) } }
            }
        }
        eventSink.finish()
    }

    public func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        if let reader = ownReaders[kind] { return try await reader.read() }
        return try await pcsc.read(kind)
    }

    /// The slot's state for `kioskctl status` and `diag`.
    public func status(of kind: CardKind) -> DeviceStatus {
        ownReaders[kind]?.status() ?? pcsc.status(of: kind)
    }

    // MARK: Technicians

    public func readers() async -> [CardReaderInfo] {
        await pcsc.readers() + CardKind.allCases.compactMap { ownReaders[$0]?.readerInfo() }
    }

    public func watch() -> AsyncStream<CardWatchEvent> {
        guard !ownReaders.isEmpty else { return pcsc.watch() }
        let sources = [pcsc.watch()] + CardKind.allCases.compactMap { ownReaders[$0]?.watch() }
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
        if let reader, let own = ownReaders.values.first(where: { $0.name == reader }) { return try await own.readReport() }
        guard reader == nil, !ownReaders.isEmpty else { return try await pcsc.readReport(reader: reader) }
        // No reader named: the slot with a card in it, the SSC slot first, as on pcscd alone.
        let pcscCards = await pcsc.readers().filter(\.cardPresent).compactMap(\.role)
        for kind in [CardKind.socialSecurityCard, .idCard] {
            if let own = ownReaders[kind] {
                if own.cardPresent { return try await own.readReport() }
            } else if pcscCards.contains(kind.rawValue) {
                return try await pcsc.readReport(reader: nil)
            }
        }
        return try await pcsc.readReport(reader: nil)
    }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        pcsc.readCardsForWatchers(when: allowed)
        for reader in ownReaders.values { reader.readCardsForWatchers(when: allowed) }
    }
}
