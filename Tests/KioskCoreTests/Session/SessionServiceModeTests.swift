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
        machine.feed(.serviceRestored)
        #expect(machine.state == .attract(notice: nil))
    }

    @Test("maintenance during an outage, and the outage still there after it")
    func maintenanceDuringOutage() {
        var machine = StateCatalog.machine(in: .outOfService)
        machine.feed(.maintenanceRequested, .maintenanceEnded)
        #expect(machine.state == .outOfService(.printerOffline))
    }
}
