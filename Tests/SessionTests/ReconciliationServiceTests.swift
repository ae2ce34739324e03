import Foundation
import KioskCore
import KioskSession
import KioskTesting
import Logging
import ServiceLifecycle
import Testing

@Suite("reconciliation service: start-up pass, backoff while unresolved, settled for the session")
struct ReconciliationServiceTests {
    /// Runs `service` in a ServiceGroup, as kioskd does, until `body` returns; then shuts it down gracefully.
    static func running(_ service: ReconciliationService, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "reconciliation-service-test")))
        let task = Task { try await group.run() }
        do {
            try await body()
        } catch {
            await group.triggerGracefulShutdown()
            _ = await task.result
            throw error
        }
        await group.triggerGracefulShutdown()
        try await task.value
    }

    @Test("while the backend is down it retries with doubling pauses (capped), then reports settled")
    func backoffUntilSettled() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person)
            try await sandbox.journal.recordIntent(intent)
            let flaky = FlakyBackend(sandbox.client, failures: 4)
            let clock = ReconciliationTestClock()
            let service = ReconciliationService(
                reconciler: sandbox.reconciler(backend: flaky), clock: clock,
                initialRetryDelay: .seconds(1), maximumRetryDelay: .seconds(4), logger: sandbox.logger
            )
            #expect(!service.isSettled, "not settled before the first pass")
            let updates = service.settlement()
            try await Self.running(service) {
                let settled = await withReconcilerTimeout(.seconds(20)) { await service.waitUntilSettled() }
                #expect(settled == true)
            }
            #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(4)])
            #expect(flaky.callCount == 5)
            #expect(try await sandbox.journal.entry(key: intent.idempotencyKey)?.state == .abandoned)
            var seen: [Bool] = []
            for await value in updates { seen.append(value) }
            #expect(seen == [false, true], "the stream gives the current answer, then each change, and ends with the service")
        }
    }

    @Test("at start it purges resolved entries past retention; once settled a nudge runs another pass")
    func purgeAndNudge() async throws {
        try await withReconcilerSandbox { sandbox in
            let journal = sandbox.journal
            let old = Date() - 100 * 86_400
            try await journal.recordIntent(JournalSamples.intent("key-old-abandoned", createdAt: old))
            try await journal.recordState(key: "key-old-abandoned", .abandoned, at: old)
            try await journal.recordIntent(JournalSamples.intent("key-new-abandoned", createdAt: Date() - 60))
            try await journal.recordState(key: "key-new-abandoned", .abandoned, at: Date() - 60)
            let service = ReconciliationService(reconciler: sandbox.reconciler(), clock: ReconciliationTestClock(), logger: sandbox.logger)
            try await Self.running(service) {
                #expect(await withReconcilerTimeout(.seconds(20)) { await service.waitUntilSettled() } == true)
                #expect(try await journal.entry(key: "key-old-abandoned") == nil, "purged: resolved 100 days ago")
                #expect(try await journal.entry(key: "key-new-abandoned") != nil, "kept: resolved a minute ago")

                // A session ends with its payment's outcome unknown; it asks for a pass.
                let person = try await sandbox.person(.zhangJianguo)
                let intent = try await sandbox.intent(for: person)
                try await journal.recordIntent(intent)
                service.reconcileSoon()
                try await waitUntil("the pass settles the intent", timeout: .seconds(20), poll: .milliseconds(20)) {
                    try await journal.entry(key: intent.idempotencyKey)?.state != .intended
                }
                #expect(try await journal.entry(key: intent.idempotencyKey)?.state == .abandoned)
            }
            #expect(await service.waitUntilSettled() == false, "a stopped service is not settled any more for new waiters")
        }
    }
}

/// `body`'s result, or nil if it takes longer than `limit` (so a hung service fails the test, not the run).
func withReconcilerTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async -> T) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await body() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
