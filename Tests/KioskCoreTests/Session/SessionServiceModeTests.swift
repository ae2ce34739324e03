import KioskCore
import Testing

@Suite("session state machine: out of service and maintenance never interrupt a resident")
struct SessionServiceModeTests {
    @Test("maintenance asked for mid-session takes effect when the session ends")
    func maintenanceWaits() {
        var machine = StateCatalog.machine(in: .awaitingPayer)
        #expect(machine.handle(.maintenanceRequested).isEmpty)
        #expect(machine.state.kind == .awaitingPayer)
        #expect(machine.maintenancePending)
        _ = machine.handle(.paymentQueried(Sample.snapshot(.succeeded)))
        machine.feed(.receiptFetched(Sample.receipt()), .documentPrinted, .receiptTaken, .doneTapped)
        #expect(machine.state == .maintenance)
        machine.feed(.maintenanceEnded)
        #expect(machine.state == .attract(notice: nil))
    }

    @Test("a cancelled session goes straight into maintenance")
    func cancelIntoMaintenance() {
        var machine = StateCatalog.machine(in: .showingEnrollment)
        _ = machine.handle(.maintenanceRequested)
        machine.feed(.cancelTapped)
        #expect(machine.state == .maintenance)
    }

    @Test("an outage waits for the session; restoring service returns to attract")
    func outage() {
        var machine = StateCatalog.machine(in: .choosingMethod)
        #expect(machine.handle(.serviceDegraded(.printerOffline)).isEmpty)
        machine.feed(.cancelTapped)
        #expect(machine.state == .outOfService(.printerOffline))
        #expect(machine.handle(.cardInserted(.idCard)).isEmpty)
        machine.feed(.serviceRestored(.printerOffline))
        #expect(machine.state == .attract(notice: nil))
    }

    @Test("maintenance during an outage, and the outage still there after it")
    func maintenanceDuringOutage() {
        var machine = StateCatalog.machine(in: .outOfService)
        machine.feed(.maintenanceRequested, .maintenanceEnded)
        #expect(machine.state == .outOfService(.printerOffline))
    }

    @Test("two outages are two reasons: the backend coming back does not reopen a kiosk whose journal is unsettled, nor the other way round")
    func independentOutages() {
        var machine = SessionStateMachine(settings: Sample.settings)
        machine.feed(.serviceDegraded(.backendUnreachable), .serviceDegraded(.journalUnsettled))
        #expect(machine.state == .outOfService(.journalUnsettled))
        #expect(machine.handle(.serviceRestored(.backendUnreachable)).isEmpty)
        #expect(machine.state == .outOfService(.journalUnsettled), "the journal is still unsettled")
        _ = machine.handle(.serviceDegraded(.backendUnreachable))
        _ = machine.handle(.serviceRestored(.journalUnsettled))
        #expect(machine.state == .outOfService(.backendUnreachable), "the backend is still down")
        machine.feed(.serviceRestored(.backendUnreachable))
        #expect(machine.state == .attract(notice: nil))
    }

    @Test("a payment left unresolved asks for reconciliation at once and closes the kiosk when the resident leaves the screen that says so")
    func unresolvedPaymentCloses() {
        var machine = StateCatalog.machine(in: .resolvingSubmission)
        var actions: [SessionAction] = []
        for _ in 0..<Sample.settings.maximumPolls {
            actions = machine.handle(.paymentQueryFailed(SessionProblem(.backendUnreachable, isUncertain: true)))
        }
        #expect(machine.state == .failed(SessionProblem(.paymentUnresolved)))
        #expect(labels(actions).last == "reconcilePayments")
        #expect(machine.outages == [.journalUnsettled])
        // Reconciliation reports "unsettled" as well: the resident keeps the screen that explains it.
        #expect(machine.handle(.serviceDegraded(.journalUnsettled)).isEmpty)
        machine.feed(.doneTapped)
        #expect(machine.state == .outOfService(.journalUnsettled))
        machine.feed(.serviceRestored(.journalUnsettled))
        #expect(machine.state == .attract(notice: nil))
    }

    @Test("a journal that cannot record the payment (disk full): no money moves, the resident is told, the kiosk closes when they leave")
    func journalFull() {
        var machine = StateCatalog.machine(in: .checkingPrinter)
        let actions = machine.feed(.journalCannotCommit)
        #expect(machine.state == .failed(SessionProblem(.journalFull)))
        #expect(!actions.contains { if case .journalPaymentIntent = $0 { true } else { false } })
        #expect(machine.outages == [.journalFull])
        machine.feed(.doneTapped)
        #expect(machine.state == .outOfService(.journalFull))
        machine.feed(.serviceRestored(.journalFull))
        #expect(machine.state == .attract(notice: nil))
    }
}

