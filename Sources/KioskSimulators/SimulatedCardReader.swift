import KioskCore
import Synchronization

/// A card reader for `kioskd --demo`: a card is "inserted" by giving the holder data it carries.
public final class SimulatedCardReader: CardReader {
    public let events: AsyncStream<CardEvent>
    private let continuation: AsyncStream<CardEvent>.Continuation
    private let slots = Mutex<[CardKind: CardHolder]>([:])

    public init() {
        (events, continuation) = AsyncStream.makeStream(of: CardEvent.self, bufferingPolicy: .bufferingNewest(16))
    }

    public func insert(_ holder: CardHolder) {
        slots.withLock { $0[holder.kind] = holder }
        continuation.yield(.inserted(holder.kind))
    }

    public func remove(_ kind: CardKind) {
        let removed = slots.withLock { $0.removeValue(forKey: kind) }
        if removed != nil { continuation.yield(.removed(kind)) }
    }

    public func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        guard let holder = slots.withLock({ $0[kind] }) else { throw KioskError(.cardRemoved, "no simulated \(kind.rawValue) card in the slot") }
        return holder
    }
}
