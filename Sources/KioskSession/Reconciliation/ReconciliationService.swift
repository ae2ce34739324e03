import Foundation
import KioskCore
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the `PaymentReconciler` at start-up, then again with growing pauses while anything stays
/// unresolved, and tells the session whether the journal is settled: the kiosk takes no resident
/// until it is. Before the first pass it purges resolved entries past the retention period.
///
/// Once settled it waits for `reconcileSoon()` (e.g. a session that ended with a payment still open)
/// and for graceful shutdown.
public final class ReconciliationService: Service, Sendable {
    let reconciler: PaymentReconciler
    let clock: any Clock<Duration>
    let initialRetryDelay: Duration
    let maximumRetryDelay: Duration
    /// Resolved entries are kept this long after their last change.
    let retention: Duration
    let logger: Logger
    private let state = Mutex(State())
    private let settlements = EventFanOut<Bool>()
    private let nudges = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    public static let defaultRetention: Duration = .seconds(90 * 86_400)

    public init(
        reconciler: PaymentReconciler, clock: any Clock<Duration> = ContinuousClock(),
        initialRetryDelay: Duration = .seconds(2), maximumRetryDelay: Duration = .seconds(60),
        retention: Duration = ReconciliationService.defaultRetention, logger: Logger
    ) {
        self.reconciler = reconciler
        self.clock = clock
        self.initialRetryDelay = initialRetryDelay
        self.maximumRetryDelay = maximumRetryDelay
        self.retention = retention
        self.logger = logger
    }

    /// True once a pass left nothing unresolved (and until a later pass finds something open).
    public var isSettled: Bool { state.withLock { $0.settled } }

    /// The current answer, then every change. Finishes when the service stops.
    public func settlement() -> AsyncStream<Bool> {
        settlements.subscribe(initial: state.withLock { $0.stopped ? [] : [$0.settled] }, buffering: 8)
    }

    /// Returns true once settled, false if the service stopped first.
    public func waitUntilSettled() async -> Bool {
        for await settled in settlement() where settled { return true }
        return false
    }

    /// Asks for another pass now (no effect while one is already due). Unsettled at once: the entry
    /// that prompted it is open until the pass says otherwise, and the pass's "settled" must be news.
    public func reconcileSoon() {
        publish(false)
        nudges.continuation.yield()
    }

    public func run() async throws {
        defer { stop() }
        await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        await purge()
        var requests = nudges.stream.makeAsyncIterator()
        var delay = initialRetryDelay
        while !Task.isCancelled {
            let settled = await pass()
            publish(settled)
            if settled {
                delay = initialRetryDelay
                guard await requests.next() != nil else { return }
            } else {
                logger.notice("payments still unresolved: reconciling again later", metadata: [LogKey.retryIn: "\(delay)"])
                do { try await clock.sleep(for: delay) } catch { return }
                delay = min(delay * 2, maximumRetryDelay)
            }
        }
    }

    private func pass() async -> Bool {
        do {
            return try await reconciler.reconcile().stillUnresolved == 0
        } catch {
            logger.error("payment reconciliation failed", metadata: [LogKey.errorCode: "\(error.code)"])
            return false
        }
    }

    private func purge() async {
        do {
            let purged = try await reconciler.journal.purge(keeping: retention, now: reconciler.now())
            logger.info("journal retention applied", metadata: [LogKey.purged: "\(purged)"])
        } catch {
            logger.error("journal purge failed", metadata: [LogKey.errorCode: "\(error.code)"])
        }
    }

    private func publish(_ settled: Bool) {
        let changed = state.withLock { state in
            defer { state.settled = settled }
            return state.settled != settled
        }
        if changed { settlements.publish(settled) }
    }

    private func stop() {
        state.withLock { $0.stopped = true }
        settlements.finish()
        nudges.continuation.finish()
    }

    private struct State {
        var settled = false
        /// A stopped service is not settled for anyone who asks afterwards.
        var stopped = false
    }
}
