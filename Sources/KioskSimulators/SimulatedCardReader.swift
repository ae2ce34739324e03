import KioskConfig
import KioskCore
import Synchronization

/// A card reader for `kioskd --demo`: a card is inserted as a virtual card (the applets kiosk-sim
/// and the tests put behind pcscd) and read with the production `SSCCardReading` / `IDCardReading`
/// over an in-process transport, so the demo runs the APDU and GA 467 decoders a kiosk runs.
/// Technicians see its two slots through the same diagnostics as real readers.
public final class SimulatedCardReader: CardReader, CardDiagnostics {
    public let events: AsyncStream<CardEvent>
    private let continuation: AsyncStream<CardEvent>.Continuation
    private let slots = Mutex<[CardKind: VirtualCardFile]>([:])
    private let watchers = EventFanOut<CardWatchEvent>()
    private let today: @Sendable () -> CalendarDate
    private let watcherReadGate = Mutex<@Sendable () async -> Bool>({ true })

    public init(today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        (events, continuation) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
        self.today = today
    }

    public static func readerName(_ kind: CardKind) -> String { "Simulated \(kind.rawValue) reader" }

    /// Inserts the card that carries `holder` (`VirtualCardFile(holder:today:)`).
    public func insert(_ holder: CardHolder) throws(KioskError) {
        do {
            insert(try VirtualCardFile(holder: holder, today: today()))
        } catch {
            throw KioskError(.cardUnreadable, "no virtual card can carry \(holder): \(error)")
        }
    }

    public func insert(_ card: VirtualCardFile) {
        let kind: CardKind = card.kind == .ssc ? .socialSecurityCard : .idCard
        slots.withLock { $0[kind] = card }
        continuation.yield(.inserted(kind))
        let reader = Self.readerName(kind)
        watchers.publish(CardWatchEvent(kind: .cardInserted, reader: reader, atr: HexBytes.format(card.atr, separator: "")))
        // As PCSCCardReader: the card is read for `cards watch` only when someone watches.
        guard watchers.hasSubscribers else { return }
        let allowed = watcherReadGate.withLock { $0 }
        Task { [watchers, today] in
            guard await allowed() else { return watchers.publish(Self.notReadForWatchers(reader: reader)) }
            do throws(KioskError) {
                watchers.publish(CardWatchEvent(kind: .cardRead, reader: reader, report: CardReport(holder: try await Self.read(card, kind), reader: reader, today: today())))
            } catch {
                watchers.publish(CardWatchEvent(kind: .cardRead, reader: reader, problem: .init(code: error.code.rawValue, message: error.message)))
            }
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
        guard let card = slots.withLock({ $0[kind] }) else { throw KioskError(.cardRemoved, "no simulated \(kind.rawValue) card in the slot") }
        let holder = try await Self.read(card, kind)
        if let refusal = holder.refusal(today: today()) { throw refusal }
        return holder
    }

    /// As PCSCCardReader reads a card: from a reset card, with the standard profile of its kind.
    private static func read(_ card: VirtualCardFile, _ kind: CardKind) async throws(KioskError) -> CardHolder {
        var exchange = APDUExchange(AppletTransport(card))
        return switch kind {
        case .socialSecurityCard: try await SSCCardReading.read(&exchange, profile: .standard)
        case .idCard: try await IDCardReading.read(&exchange, profile: .standard)
        }
    }

    public func readers() async -> [CardReaderInfo] {
        let present = slots.withLock { $0 }
        return CardKind.allCases.map { kind in
            CardReaderInfo(name: Self.readerName(kind), role: kind.rawValue, cardPresent: present[kind] != nil, atr: present[kind].map { HexBytes.format($0.atr, separator: "") })
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
        guard let card = held[kind] else { throw KioskError(.cardRemoved, "there is no card in \(Self.readerName(kind))") }
        return CardReport(holder: try await Self.read(card, kind), reader: Self.readerName(kind), today: today())
    }
}
