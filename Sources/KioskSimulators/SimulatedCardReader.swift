import KioskConfig
import KioskCore
import Synchronization

/// A card reader for `kioskd --demo`: a card is "inserted" by giving the holder data it carries.
/// Technicians see its two slots through the same diagnostics as real readers.
public final class SimulatedCardReader: CardReader, CardDiagnostics {
    public let events: AsyncStream<CardEvent>
    private let continuation: AsyncStream<CardEvent>.Continuation
    private let slots = Mutex<[CardKind: CardHolder]>([:])
    private let watchers = EventFanOut<CardWatchEvent>()
    private let today: @Sendable () -> CalendarDate
    private let watcherReadGate = Mutex<@Sendable () async -> Bool>({ true })

    public init(today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        (events, continuation) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
        self.today = today
    }

    public static func readerName(_ kind: CardKind) -> String { "Simulated \(kind.rawValue) reader" }

    public func insert(_ holder: CardHolder) {
        slots.withLock { $0[holder.kind] = holder }
        continuation.yield(.inserted(holder.kind))
        let reader = Self.readerName(holder.kind)
        watchers.publish(CardWatchEvent(kind: .cardInserted, reader: reader))
        let report = CardReport(holder: holder, reader: reader, today: today())
        let allowed = watcherReadGate.withLock { $0 }
        Task { [watchers] in
            watchers.publish(await allowed() ? CardWatchEvent(kind: .cardRead, reader: reader, report: report) : Self.notReadForWatchers(reader: reader))
        }
    }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        watcherReadGate.withLock { $0 = allowed }
    }

    public func remove(_ kind: CardKind) {
        let removed = slots.withLock { $0.removeValue(forKey: kind) }
        guard removed != nil else { return }
        continuation.yield(.removed(kind))
        watchers.publish(CardWatchEvent(kind: .cardRemoved, reader: Self.readerName(kind)))
    }

    public func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        guard let holder = slots.withLock({ $0[kind] }) else { throw KioskError(.cardRemoved, "no simulated \(kind.rawValue) card in the slot") }
        if let refusal = holder.refusal(today: today()) { throw refusal }
        return holder
    }

    public func readers() async -> [CardReaderInfo] {
        let present = slots.withLock { Set($0.keys) }
        return CardKind.allCases.map { kind in
            CardReaderInfo(name: Self.readerName(kind), role: kind.rawValue, cardPresent: present.contains(kind), atr: nil)
        }
    }

    public func watch() -> AsyncStream<CardWatchEvent> {
        let present = slots.withLock { Set($0.keys) }
        var initial: [CardWatchEvent] = []
        for kind in CardKind.allCases {
            initial.append(CardWatchEvent(kind: .readerAdded, reader: Self.readerName(kind)))
            if present.contains(kind) { initial.append(CardWatchEvent(kind: .cardInserted, reader: Self.readerName(kind))) }
        }
        return watchers.subscribe(initial: initial)
    }

    public func readReport(reader: String?) async throws(KioskError) -> CardReport {
        let held = slots.withLock { $0 }
        let kind: CardKind? = if let reader {
            CardKind.allCases.first { ReaderSelector.matches(Self.readerName($0), pattern: reader) }
        } else {
            held[.socialSecurityCard] != nil ? .socialSecurityCard : .idCard
        }
        guard let kind else { throw KioskError(.cardReaderMissing, "no simulated reader matches \"\(reader ?? "")\"") }
        guard let holder = held[kind] else { throw KioskError(.cardRemoved, "there is no card in \(Self.readerName(kind))") }
        return CardReport(holder: holder, reader: Self.readerName(kind), today: today())
    }
}
