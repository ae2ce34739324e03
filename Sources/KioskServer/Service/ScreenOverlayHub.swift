import Foundation
import KioskAPI
import KioskCore

/// Fans overlays (the screen test pattern) out to every connected resident page and hands the first
/// page's answer (its measured size) to whoever is waiting for it.
public actor ScreenOverlayHub {
    public struct Overlay: Codable, Sendable, Equatable {
        public var kind = "testPattern"
        /// Epoch milliseconds when the page shows its normal screen again.
        public var until: Int64
        public var kioskID: String
    }

    private let pages = EventFanOut<Overlay>()
    private var waiters: [UUID: CheckedContinuation<MeasuredScreen?, Never>] = [:]

    private let clock: any Clock<Duration>
    /// The page is told in epoch milliseconds when the overlay ends.
    private let wallClock: WallClock

    public init(clock: any Clock<Duration>, wallClock: WallClock = .system) {
        self.clock = clock
        self.wallClock = wallClock
    }

    /// One page's feed of overlays, until the page stops reading it (it disconnected).
    nonisolated func pageFeed() -> AsyncStream<Overlay> {
        pages.subscribe(buffering: 4)
    }

    /// A page showed the overlay and measured itself.
    func shown(_ screen: MeasuredScreen) {
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting.values { waiter.resume(returning: screen) }
    }

    /// Shows the test pattern on every page for `seconds`; the first page's measure, or nil when none answered within `seconds`.
    public func showTestPattern(seconds: Int, kioskID: String) async -> MeasuredScreen? {
        let until = Int64((wallClock.now().timeIntervalSince1970 + Double(seconds)) * 1000)
        let id = UUID()
        return await withCheckedContinuation { continuation in
            waiters[id] = continuation
            pages.publish(Overlay(until: until, kioskID: kioskID))
            Task { [weak self, clock] in
                try? await clock.sleep(for: .seconds(seconds))
                await self?.giveUp(id)
            }
        }
    }

    private func giveUp(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume(returning: nil)
    }
}
