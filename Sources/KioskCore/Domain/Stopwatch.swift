/// Time elapsed since it was made, on an injected clock: what code that measures a duration holds
/// instead of reading the wall clock (a test drives it with a `TestClock`).
public struct Stopwatch: Sendable {
    private let read: @Sendable () -> Duration

    public init(_ clock: any Clock<Duration>) {
        read = Self.started(clock)
    }

    private static func started<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    public var elapsed: Duration { read() }
}
