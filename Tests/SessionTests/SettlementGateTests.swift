import KioskCore
import KioskSession
import Logging
import ServiceLifecycle
import Testing

@Suite("settlement gate: no resident before start-up reconciliation settles the journal")
struct SettlementGateTests {
    @Test("out of service while an intent is unreconciled (backend failing), in service once it is settled")
    func outOfServiceUntilSettled() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            try await sandbox.journal.recordIntent(try await sandbox.intent(for: person))
            let service = ReconciliationService(
                reconciler: sandbox.reconciler(backend: FlakyBackend(sandbox.client, failures: 2)), clock: ReconciliationTestClock(),
                logger: sandbox.logger
            )
            let harness = try await SessionHarness()
            do {
                let gate = SettlementGate(reconciliation: service, controller: harness.controller)
                await gate.closeUnlessSettled()
                #expect(await harness.controller.state == .outOfService(.journalUnsettled))
                await harness.send(.cardInserted(.idCard))
                #expect(await harness.controller.state == .outOfService(.journalUnsettled), "a card is ignored while unsettled")

                let group = ServiceGroup(configuration: .init(services: [service, gate], logger: Logger(label: "gate-test")))
                let running = Task { try await group.run() }
                try await harness.waitFor(.attract, timeout: .seconds(20))
                await group.triggerGracefulShutdown()
                try await running.value
            } catch {
                await harness.shutdown()
                throw error
            }
            await harness.shutdown()
            #expect(try await sandbox.journal.unresolved().isEmpty)
        }
    }
}
