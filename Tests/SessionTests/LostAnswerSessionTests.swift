import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("session controller: a create whose answer is lost")
struct LostAnswerSessionTests {
    @Test("the lost create is fenced: voided, recorded abandoned, and the create that arrives afterwards is refused — nothing is charged")
    func heldCreateArrivesAfterTheFence() async throws {
        try await Self.withHeldCreates { session, network in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456700")
            try await session.waitFor(.resolvingSubmission)
            #expect(network.heldCount == 1)
            // The poll timer: the kiosk settles the lost answer while the create is still on its way.
            try await session.advance(by: .seconds(5))
            guard case .failed(let problem) = try await session.waitFor(.failed) else { return }
            #expect(problem.code == .backendTimeout)
            try await session.journalEntry("abandoned") { $0.state == .abandoned }

            // Now the held create reaches the backend: refused, because its key was voided.
            await network.deliverHeld()
            let late = try #require(network.lateOutcomes.first)
            guard case .failure(let error) = late else {
                Issue.record("the create that arrived after the fence charged the resident with no record: \(late)")
                return
            }
            #expect(error.backendProblem?.code == "payment.idempotency_key_voided")
            let person = try await session.client.resolveIdentity(.typed(.init(method: "typed", idNumber: DemoResident.zhangJianguo.id, name: DemoResident.zhangJianguo.name)))
            #expect(try await session.client.payments(personRef: person.personRef).own.isEmpty, "the ledger holds a payment the journal calls abandoned")
        }
    }

    @Test("a session that ends with its payment unresolved is reconciled at once, and the kiosk takes no one until it is settled")
    func unresolvedIsReconciledAtOnce() async throws {
        try await Self.withHeldCreates { session, network in
            let reconcilerClock = TestClock()
            let reconciliation = ReconciliationService(
                reconciler: PaymentReconciler(journal: session.journal, backend: network, logger: Logger(label: "reconciler")),
                clock: reconcilerClock, logger: Logger(label: "reconciliation")
            )
            let gate = SettlementGate(reconciliation: reconciliation, controller: session.controller)
            let group = ServiceGroup(configuration: .init(services: [reconciliation, gate], logger: Logger(label: "gate")))
            let running = Task { try await group.run() }
            defer { running.cancel() }
            #expect(await reconciliation.waitUntilSettled())

            // The create's answer is lost, and neither can the fence be reached: lookups run out.
            network.fencesAnswer.withLock { $0 = false }
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456700")
            try await session.waitFor(.resolvingSubmission)
            for _ in 0..<session.settings.maximumPolls { try await session.advance(by: .seconds(5)) }
            guard case .failed(let problem) = try await session.waitFor(.failed) else { return }
            #expect(problem.code == .paymentUnresolved)

            // Reconciliation ran without a restart (it found the backend still unreachable) and the
            // kiosk closes as soon as the resident leaves the screen that explains it.
            try await reconcilerClock.waitForSleepers()
            #expect(!reconciliation.isSettled)
            await session.send(.doneTapped)
            try await session.waitFor(.outOfService)
            await session.send(.cardInserted(.idCard))
            #expect(await session.controller.state == .outOfService(.journalUnsettled), "no resident while a payment is unresolved")

            // The backend answers again: the next pass fences the key, and the kiosk is back.
            network.fencesAnswer.withLock { $0 = true }
            reconcilerClock.advance(by: .seconds(2))
            try await session.waitFor(.attract)
            #expect(try await session.journal.single?.state == .abandoned)
            await network.deliverHeld()
            guard case .failure(let error) = try #require(network.lateOutcomes.first) else {
                Issue.record("the held create charged the resident after the kiosk recorded abandoned")
                return
            }
            #expect(error.backendProblem?.code == "payment.idempotency_key_voided")
            await group.triggerGracefulShutdown()
            try await running.value
        }
    }

    @Test("a payment still open for the resident, made at another kiosk: the enrollment says so, and no second payment is offered")
    func openPaymentElsewhere() async throws {
        try await withSession { session in
            let client = session.client
            let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: DemoResident.zhangJianguo.id, name: DemoResident.zhangJianguo.name)))
            let tier = try await client.enrollment(personRef: person.personRef, year: 2021).tiers[0]
            // Ends in 92: the payer never confirms on the phone, so the payment stays open.
            let open = try await client.createPayment(
                .init(personRef: person.personRef, year: 2021, tier: tier.id, amountFen: tier.dueFen, method: .paycode,
                      payCode: "134567890123456792", kioskId: "NT-OTHER-0002"),
                idempotencyKey: "other-kiosk-0001"
            )
            let enrollment = try await client.enrollment(personRef: person.personRef, year: 2021)
            #expect(enrollment.status == .paymentInProgress)
            #expect(enrollment.openPaymentId == open.paymentId)

            guard case .unavailable(_, _, let problem) = try await session.identify(.zhangJianguo, expect: .unavailable) else { return }
            #expect(problem.code == .enrollmentPaymentInProgress)
            #expect(ResidentMessage.text(for: problem).contains("避免重复扣款"))
            await session.send(.paymentConfirmed)
            #expect(await session.controller.state.kind == .unavailable, "no payment can be started")
            #expect(await session.journal.entries.isEmpty)
        }
    }

    @Test("the journal's disk is full: checked before any money moves, out of service until the watch sees space again")
    func journalDiskFull() async throws {
        try await withSession { session in
            await session.journal.setCapacity(.full(freeBytes: 4 * 1_048_576))
            _ = try await session.identify(.zhangJianguo)
            await session.send(.paymentConfirmed)
            await session.send(.methodChosen(.payCode))
            guard case .failed(let problem) = try await session.waitFor(.failed) else { return }
            #expect(problem.code == .journalFull)
            #expect(await session.journal.calls.isEmpty, "no intent: no money moved")
            await session.send(.doneTapped)
            try await session.waitFor(.outOfService)

            let clock = TestClock()
            let watch = JournalSpaceWatch(journal: session.journal, session: session.controller, interval: .seconds(30), clock: clock, logger: Logger(label: "watch"))
            let group = ServiceGroup(configuration: .init(services: [watch], logger: Logger(label: "watch-group")))
            let running = Task { try await group.run() }
            try await clock.waitForSleepers()
            #expect(await session.controller.state == .outOfService(.journalFull), "still full")
            await session.journal.setCapacity(.ready)
            clock.advance(by: .seconds(30))
            try await session.waitFor(.attract)
            await group.triggerGracefulShutdown()
            try await running.value
        }
    }

    /// A session whose creates are held on the way (their answers lost), and the network holding them.
    static func withHeldCreates(_ body: (SessionHarness, HeldCreateBackend) async throws -> Void) async throws {
        let held = Mutex<HeldCreateBackend?>(nil)
        try await withSession(between: { client in
            let backend = HeldCreateBackend(client)
            held.withLock { $0 = backend }
            return backend
        }) { session in
            try await body(session, try #require(held.withLock { $0 }))
        }
    }
}
