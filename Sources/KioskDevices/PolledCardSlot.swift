import KioskCore
import Synchronization

/// What a slot reader that asks for its card (no reader that kioskd drives itself announces one)
/// keeps for the session and for technicians: whether the reader is open and a card present, the
/// insertions and removals, and `kioskctl cards watch`'s events, with a masked read of each card
/// inserted while no resident is being served.
final class PolledCardSlot: Sendable {
    let kind: CardKind
    let name: String
    let events: AsyncStream<CardEvent>
    private let eventSink: AsyncStream<CardEvent>.Continuation
    private let watchers = EventFanOut<CardWatchEvent>()
    private let state = Mutex((open: false, cardPresent: false))
    /// Whether a card inserted now may be read for `cards watch`.
    private let watcherReadGate = Mutex<@Sendable () async -> Bool>({ true })

    init(kind: CardKind, name: String) {
        self.kind = kind
        self.name = name
        (events, eventSink) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
    }

    var isOpen: Bool { state.withLock { $0.open } }
    var cardPresent: Bool { state.withLock { $0.cardPresent } }

    func readerOpened() {
        let opened = state.withLock { state in
            defer { state.open = true }
            return !state.open
        }
        if opened { watchers.publish(CardWatchEvent(kind: .readerAdded, reader: name)) }
    }

    /// The reader went away: gone too is any card it had. False when it was not open.
    @discardableResult
    func readerLost() -> Bool {
        let (wasOpen, hadCard) = state.withLock { state in
            defer { state = (false, false) }
            return (state.open, state.cardPresent)
        }
        guard wasOpen else { return false }
        watchers.publish(CardWatchEvent(kind: .readerRemoved, reader: name))
        if hadCard {
            eventSink.yield(.removed(kind))
            watchers.publish(CardWatchEvent(kind: .cardRemoved, reader: name))
        }
        return true
    }

    /// What the last poll found; a change is published, and a card just inserted is read for the
    /// watchers with `read` when `readCardsForWatchers` allows it.
    func cardPresence(_ present: Bool, read: @escaping @Sendable () async throws(KioskError) -> CardReport) {
        let changed = state.withLock { state in
            defer { state.cardPresent = present }
            return state.cardPresent != present
        }
        guard changed else { return }
        eventSink.yield(present ? .inserted(kind) : .removed(kind))
        watchers.publish(CardWatchEvent(kind: present ? .cardInserted : .cardRemoved, reader: name))
        guard present, watchers.hasSubscribers else { return }
        let (watchers, name, allowed) = (self.watchers, self.name, watcherReadGate.withLock { $0 })
        Task {
            guard await allowed() else {
                return watchers.publish(CardWatchEvent(kind: .cardRead, reader: name, problem: CardReaderInfo.notReadForWatchers))
            }
            do throws(KioskError) {
                watchers.publish(CardWatchEvent(kind: .cardRead, reader: name, report: try await read()))
            } catch {
                watchers.publish(CardWatchEvent(kind: .cardRead, reader: name, problem: CardReport.Problem(code: error.code.rawValue, message: error.message)))
            }
        }
    }

    func readerInfo() -> CardReaderInfo {
        CardReaderInfo(name: name, role: kind.rawValue, cardPresent: cardPresent, atr: nil)
    }

    func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        watcherReadGate.withLock { $0 = allowed }
    }

    func watch() -> AsyncStream<CardWatchEvent> {
        let (open, present) = state.withLock { ($0.open, $0.cardPresent) }
        var initial: [CardWatchEvent] = []
        if open { initial.append(CardWatchEvent(kind: .readerAdded, reader: name)) }
        if present { initial.append(CardWatchEvent(kind: .cardInserted, reader: name)) }
        return watchers.subscribe(initial: initial)
    }

    func finish() {
        eventSink.finish()
        watchers.finish()
    }
}
