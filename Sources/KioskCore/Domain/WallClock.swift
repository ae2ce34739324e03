import Foundation

/// The time of day, as records, receipts and reports state it: injected like the monotonic clock
/// that times waits, so that every read of it is one the composition root chose.
public struct WallClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The machine's clock.
    public static let system = WallClock { Date() }
}
