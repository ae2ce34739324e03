import Synchronization

/// Hands every event to each current subscriber (technicians' `watch` streams, several at once).
public final class EventFanOut<Event: Sendable>: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<Event>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init() {}

    /// A stream of `initial` then the events from now on; it ends when the subscriber stops iterating or `finish()` is called.
    public func subscribe(initial: [Event] = [], buffering: Int = 64) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(max(buffering, initial.count)))
        for event in initial { continuation.yield(event) }
        let id = nextID.add(1, ordering: .relaxed).newValue
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    public func publish(_ event: Event) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    public func finish() {
        for continuation in subscribers.withLock({ subscribers in defer { subscribers = [:] }; return Array(subscribers.values) }) {
            continuation.finish()
        }
    }
}

extension EventFanOut {
    public var hasSubscribers: Bool { subscribers.withLock { !$0.isEmpty } }
}
