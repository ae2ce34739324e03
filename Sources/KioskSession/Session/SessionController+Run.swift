import KioskCore
import Logging
import ServiceLifecycle

extension SessionController {
    /// Listens to the card reader and the scanner until graceful shutdown, then wipes the session.
    public func run() async throws {
        startListening()
        try? await gracefulShutdown()
        await shutDown()
    }

    func startListening() {
        let cardEvents = devices.cardReader.events
        let scans = devices.scanner.scans
        listeners = [
            Task { [weak self] in
                for await event in cardEvents { await self?.cardEvent(event) }
            },
            Task { [weak self] in
                for await scan in scans { await self?.scanned(scan) }
            },
        ]
        let queue = journalQueue
        journalWriter = Task { [weak self] in
            for await write in queue { await self?.write(write) }
        }
    }

    func cardEvent(_ event: CardEvent) {
        switch event {
        case .inserted(let kind): send(.cardInserted(kind))
        case .removed(let kind): send(.cardRemoved(kind))
        }
    }

    /// The scan's text goes no further than the pay code handed to the machine.
    func scanned(_ scan: BarcodeScan) {
        switch scan.classification {
        case .payCode(let payCode):
            // Only the pay-code screen uses a code; one scanned elsewhere is ignored and stays usable.
            guard case .awaitingPayCode = machine.state else { return }
            send(payCodesUsed.admit(payCode, at: .now) ? .payCodeScanned(payCode) : .usedPayCodeScanned)
        case .esscToken(let token): send(.esscCodeScanned(token))
        case .idNumber, .other: send(.unrecognizedCodeScanned)
        }
    }

    /// Wipes the session and stops. A payment in flight stays unresolved in the journal (reconciled at
    /// start-up); calls under way are cancelled rather than waited for, journal writes already queued
    /// are finished (they are local and short).
    func shutDown() async {
        if case .stopped = machine.state { return }
        let inFlight = machine.state.paymentInFlight
        send(.shutdownRequested)
        if let inFlight {
            logger.notice("shutdown with a payment in flight: left for reconciliation",
                          metadata: [SessionLogKey.paymentKey: "\(JournalKey.short(inFlight.idempotencyKey))"])
        }
        for task in listeners { task.cancel() }
        for task in calls.values { task.cancel() }
        for task in timerTasks.values { task.cancel() }
        calls = [:]
        timerTasks = [:]
        journalWrites.finish()
        await journalWriter?.value
        for observer in observers.values { observer.finish() }
        observers = [:]
        for observer in screenObservers.values { observer.finish() }
        screenObservers = [:]
    }
}
