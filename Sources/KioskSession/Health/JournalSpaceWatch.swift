import KioskCore
import Logging
import ServiceLifecycle

/// Keeps the kiosk out of service (`journal.full`) while the journal's disk could not record the
/// next payment, and reopens it once space is freed. The session's own check before each payment
/// closes the kiosk at once; this watch is what notices the space coming back. It reports what it
/// sees at every check (the session ignores a reason it already has, or one it does not hold).
public struct JournalSpaceWatch: Service {
    let journal: any PaymentJournal
    let session: any SessionEventSink
    let interval: Duration
    let clock: any Clock<Duration>
    let logger: Logger

    public init(
        journal: any PaymentJournal, session: any SessionEventSink, interval: Duration = .seconds(30),
        clock: any Clock<Duration>, logger: Logger
    ) {
        self.journal = journal
        self.session = session
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        var wasFull = false
        while !Task.isCancelled {
            let capacity = await journal.capacity()
            if case .full(let freeBytes) = capacity {
                if !wasFull {
                    logger.error("the journal's disk is full: out of service until space is freed (kioskctl diag)",
                                 metadata: [LogKey.freeBytes: "\(freeBytes)"])
                }
                wasFull = true
                await session.send(.serviceDegraded(.journalFull))
            } else {
                if wasFull { logger.notice("the journal's disk has space again: back in service") }
                wasFull = false
                await session.send(.serviceRestored(.journalFull))
            }
            do {
                try await clock.sleep(for: interval)
            } catch {
                return
            }
        }
    }
}
