import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Logging
import Testing

@Suite("payment reconciler against the real sandbox backend over HTTP")
struct ReconcilerTests {
    @Test("an intent that never reached the backend is abandoned: no money moved")
    func neverSent() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person)
            try await sandbox.journal.recordIntent(intent)

            let report = try await sandbox.reconciler().reconcile()
            #expect(report.examined == 1)
            #expect(report.abandoned == 1)
            #expect(report.stillUnresolved == 0)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .abandoned)
            #expect(entry.paymentID == nil)
            #expect(entry.receipt == .notDue)
            #expect(try await sandbox.client.payments(personRef: person.personRef).own.isEmpty)
            #expect(try await sandbox.journal.summary(now: Date()).lastReconciliation == report)
        }
    }

    @Test("paid, then crashed before journaling the answer: found by key, succeeded, receipt owed; nothing personal stored or logged")
    func foundByKey() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person)
            try await sandbox.journal.recordIntent(intent)
            let payment = try await sandbox.pay(intent, payCode: ReconcilerPayCode.succeeds)
            #expect(payment.status == .succeeded)

            let report = try await sandbox.reconciler().reconcile()
            #expect(report.examined == 1)
            #expect(report.succeeded == 1)
            #expect(report.receiptsOwed == 1)
            #expect(report.stillUnresolved == 0)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .succeeded)
            #expect(entry.paymentID == payment.paymentId)
            #expect(entry.receipt == .owed)
            #expect(try await sandbox.journal.owedReceipts().map(\.paymentID) == [payment.paymentId])
            // Exactly one payment exists for the person: nothing was created twice.
            #expect(try await sandbox.client.payments(personRef: person.personRef).own.map(\.paymentId) == [payment.paymentId])

            let bytes = try journalBytes(sandbox.journal.path)
            #expect(bytes.contains(person.personRef), "control: the scan must see what the journal wrote")
            for secret in [ReconcilerResident.zhangJianguo.idNumber, ReconcilerResident.zhangJianguo.name, ReconcilerPayCode.succeeds] {
                #expect(!bytes.contains(secret))
            }
            let logs = sandbox.logs.all
            #expect(logs.contains { $0.contains(payment.paymentId) && $0.contains(JournalKey.short(intent.idempotencyKey)) })
            for secret in [ReconcilerResident.zhangJianguo.idNumber, ReconcilerResident.zhangJianguo.name, ReconcilerPayCode.succeeds, intent.idempotencyKey] {
                #expect(!logs.contains { $0.contains(secret) }, "logs must not hold \(secret)")
            }
        }
    }

    @Test("submitted while the payer confirms (91): left open within the window, then succeeded on the next pass")
    func userPaying() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person)
            try await sandbox.journal.recordIntent(intent)
            let payment = try await sandbox.pay(intent, payCode: ReconcilerPayCode.userPayingThenSucceeds)
            #expect(payment.status == .userPaying)
            try await sandbox.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: payment.paymentId, at: Date())
            let reconciler = sandbox.reconciler()

            let first = try await reconciler.reconcile()
            #expect(first.stillUnresolved == 1)
            #expect(try await sandbox.journal.entry(key: intent.idempotencyKey)?.state == .submitted)
            #expect(try await sandbox.journal.summary(now: Date()).lastReconciliation?.stillUnresolved == 1)

            let second = try await reconciler.reconcile()
            #expect(second.succeeded == 1)
            #expect(second.stillUnresolved == 0)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .succeeded)
            #expect(entry.receipt == .owed)
            #expect(try await sandbox.client.payment(id: payment.paymentId).status == .succeeded)
        }
    }

    @Test("never confirming (92 user paying, 96 no answer), older than the provider's window: reversed",
          arguments: [ReconcilerPayCode.userPayingForever, ReconcilerPayCode.unknownForever])
    func reversedAfterWindow(payCode: String) async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person, createdAt: Date() - 300)
            try await sandbox.journal.recordIntent(intent)
            let payment = try await sandbox.pay(intent, payCode: payCode)
            #expect([.userPaying, .unknown].contains(payment.status))
            try await sandbox.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: payment.paymentId, at: Date())

            let report = try await sandbox.reconciler(window: .seconds(120)).reconcile()
            #expect(report.reversed == 1)
            #expect(report.stillUnresolved == 0)
            #expect(report.receiptsOwed == 0)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .reversed)
            #expect(entry.receipt == .notDue)
            #expect(try await sandbox.client.payment(id: payment.paymentId).status == .reversed)
        }
    }

    @Test("the same never-confirming payment inside the window is left unresolved, not reversed")
    func notReversedWithinWindow() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person, createdAt: Date() - 30)
            try await sandbox.journal.recordIntent(intent)
            let payment = try await sandbox.pay(intent, payCode: ReconcilerPayCode.unknownForever)

            let report = try await sandbox.reconciler(window: .seconds(120)).reconcile()
            #expect(report.stillUnresolved == 1)
            #expect(report.reversed == 0)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .submitted, "found by key: its payment id is journaled even though it stays open")
            #expect(entry.paymentID == payment.paymentId)
            #expect(try await sandbox.client.payment(id: payment.paymentId).status == .unknown)
        }
    }

    @Test("a wall clock set back a day: a never-confirming payment is still reversed once the provider's window has passed on the monotonic clock")
    func backwardClockJump() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            // Written before the clock was set back: by the wall clock it was made tomorrow.
            let intent = try await sandbox.intent(for: person, createdAt: Date() + 86_400)
            try await sandbox.journal.recordIntent(intent)
            let payment = try await sandbox.pay(intent, payCode: ReconcilerPayCode.userPayingForever)
            try await sandbox.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: payment.paymentId, at: Date())
            let monotonic = TestClock()
            let reconciler = sandbox.reconciler(window: .seconds(120), clock: monotonic)

            #expect(try await reconciler.reconcile().stillUnresolved == 1, "within the window on both clocks")
            monotonic.advance(by: .seconds(121))
            let report = try await reconciler.reconcile()
            #expect(report.reversed == 1, "the wall clock still says the payment is a day in the future")
            #expect(report.stillUnresolved == 0)
            #expect(try await sandbox.client.payment(id: payment.paymentId).status == .reversed)
        }
    }

    @Test("the payer confirms just as the kiosk reverses: payment.not_reversible, queried again, succeeded")
    func reversalMeetsSuccess() async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person, createdAt: Date() - 300)
            try await sandbox.journal.recordIntent(intent)
            let payment = try await sandbox.pay(intent, payCode: ReconcilerPayCode.userPayingThenSucceeds)
            try await sandbox.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: payment.paymentId, at: Date())

            let report = try await sandbox.reconciler(backend: PayerConfirmsDuringReversal(sandbox.client)).reconcile()
            #expect(report.succeeded == 1)
            #expect(report.reversed == 0)
            #expect(report.receiptsOwed == 1)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .succeeded)
            #expect(entry.receipt == .owed)
            #expect(sandbox.logs.all.contains { $0.contains("payment_status=succeeded") })
        }
    }

    @Test("insufficient funds (93) is failed, whether the crash came before or after journaling the payment id",
          arguments: [false, true])
    func failed(submitted: Bool) async throws {
        try await withReconcilerSandbox { sandbox in
            let person = try await sandbox.person(.zhangJianguo)
            let intent = try await sandbox.intent(for: person)
            try await sandbox.journal.recordIntent(intent)
            let payment = try await sandbox.pay(intent, payCode: ReconcilerPayCode.insufficientFunds)
            #expect(payment.status == .failed)
            if submitted { try await sandbox.journal.recordSubmitted(key: intent.idempotencyKey, paymentID: payment.paymentId, at: Date()) }

            let report = try await sandbox.reconciler().reconcile()
            #expect(report.failed == 1)
            #expect(report.stillUnresolved == 0)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .failed)
            #expect(entry.paymentID == payment.paymentId)
            #expect(entry.receipt == .notDue)
        }
    }

    @Test("backend down (nothing listens): every entry stays unresolved and the report says so")
    func backendDown() async throws {
        let closed = try ClosedPort()
        defer { closed.release() }
        let directory = try TemporaryDirectory(prefix: "reconcile")
        defer { directory.remove() }
        let journal = try SQLitePaymentJournal(path: directory.file("journal.sqlite"))
        defer { try? journal.close() }
        let client = try HTTPSBackendClient(settings: ReconcilerSandbox.settings(port: closed.port))
        let logs = LogRecorder.Lines()
        let reconciler = PaymentReconciler(
            journal: journal, backend: client, logger: LogRecorder.logger("reconciler-test", lines: logs)
        )
        let intended = JournalSamples.intent("key-down-intended", createdAt: Date() - 600)
        let submitted = JournalSamples.intent("key-down-submitted", createdAt: Date() - 600)
        try await journal.recordIntent(intended)
        try await journal.recordIntent(submitted)
        try await journal.recordSubmitted(key: submitted.idempotencyKey, paymentID: "pay_down0000001", at: Date())

        let report: ReconciliationReport
        do {
            report = try await reconciler.reconcile()
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        #expect(report.examined == 2)
        #expect(report.stillUnresolved == 2)
        #expect(report.succeeded + report.failed + report.reversed + report.abandoned == 0)
        #expect(try await journal.entry(key: intended.idempotencyKey)?.state == .intended)
        #expect(try await journal.entry(key: submitted.idempotencyKey)?.state == .submitted)
        #expect(try await journal.summary(now: Date()).lastReconciliation == report)
        #expect(logs.all.contains { $0.contains("error_code=backend.unreachable") })
    }
}
