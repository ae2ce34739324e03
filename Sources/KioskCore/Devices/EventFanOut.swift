import Synchronization

/// Hands every event to each current subscriber: technicians' `watch` streams, the resident pages,
/// the session's observers. The one fan-out of the kiosk.
public final class EventFanOut<Event: Sendable>: Sendable {
    private struct Subscribers {
        var continuations: [Int: AsyncStream<Event>.Continuation] = [:]
        var nextID = 0
        var finished = false
    }

    private let subscribers = Mutex(Subscribers())

    public init() {}

    /// A stream of `initial` then the events from now on; it ends when the subscriber stops iterating
    /// or `finish()` is called (at once when it already was). `initial` is taken at the moment of
    /// subscribing, so a publisher that changes its state before publishing loses no change to a
    /// subscriber that reads the state as its first event (it may see the change twice).
    public func subscribe(initial: @autoclosure () -> [Event] = [], buffering: Int = 64) -> AsyncStream<Event> {
        subscribers.withLock { subscribers in
            let first = initial()
            let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(max(buffering, first.count)))
            for event in first { continuation.yield(event) }
            guard !subscribers.finished else {
                continuation.finish()
                return stream
            }
            let id = subscribers.nextID
            subscribers.nextID += 1
            subscribers.continuations[id] = continuation
            continuation.onTermination = { [weak self] _ in
                _ = self?.subscribers.withLock { $0.continuations.removeValue(forKey: id) }
            }
            return stream
        }
    }

    public func publish(_ event: Event) {
        for continuation in subscribers.withLock({ Array($0.continuations.values) }) { continuation.yield(event) }
    }

    /// Ends every stream, and every later one once it has its initial events.
    public func finish() {
        let ending = subscribers.withLock { subscribers in
            subscribers.finished = true
            defer { subscribers.continuations = [:] }
            return Array(subscribers.continuations.values)
        }
        for continuation in ending { continuation.finish() }
    }

    public var hasSubscribers: Bool { subscribers.withLock { !$0.continuations.isEmpty } }
}
