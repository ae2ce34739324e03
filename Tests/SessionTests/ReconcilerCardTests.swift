import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskSimulators
import KioskTesting
import Testing

/// After a crash, a card payment is settled with the terminal that took it (TransactionStatus) and
/// the backend that records it: the virtual PIN pad over HTTPS and the sandbox over HTTP, with the
/// journal on a real file. What the pad charged and what the backend recorded must agree.
@Suite("payment reconciler: card payments after a crash", .serialized, .timeLimit(.minutes(2)))
struct ReconcilerCardTests {
    static func withCards(_ body: (ReconcilerSandbox, NexoTerminalStack) async throws -> Void) async throws {
        try await withNexoStack(try await NexoTerminalStack.start()) { stack in
            try await withReconcilerSandbox { sandbox in try await body(sandbox, stack) }
        }
    }

    static func cardIntent(_ sandbox: ReconcilerSandbox) async throws -> (BackendPerson, PaymentIntent) {
        let person = try await sandbox.person(.zhangJianguo)
        let intent = try await sandbox.intent(for: person, key: "kiosk-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""), method: .card)
        try await sandbox.journal.recordIntent(intent)
        return (person, intent)
    }

    @Test("crashed after the terminal's approval was journaled: recorded with the backend under the same key, succeeded, receipt owed")
    func approvalJournaled() async throws {
        try await Self.withCards { sandbox, stack in
            let (person, intent) = try await Self.cardIntent(sandbox)
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            guard case .approved(let approval) = try await stack.terminal.pay(TerminalPaymentRequest(intent)) else { Issue.record("not approved"); return }
            try await sandbox.journal.recordCardApproval(key: intent.idempotencyKey, approval, at: Date())

            let report = try await sandbox.reconciler(terminal: stack.terminal).reconcile()
            #expect(report.succeeded == 1)
            #expect(report.receiptsOwed == 1)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .succeeded)
            let payments = try await sandbox.client.payments(personRef: person.personRef).own
            #expect(payments.count == 1)
            #expect(payments.first?.method == .card)
            #expect(payments.first?.card?.terminalTransactionId == approval.terminalTransactionID)
            #expect(await stack.pad.transactions.count == 1, "the terminal was never asked to pay again")
        }
    }

    @Test("crashed while the resident was at the PIN pad, and the card was charged: TransactionStatus finds it, it is journaled and recorded")
    func approvedButNotJournaled() async throws {
        try await Self.withCards { sandbox, stack in
            let (person, intent) = try await Self.cardIntent(sandbox)
            await stack.pad.enqueueCardholder(.pays(.socialSecurityCard))
            _ = try await stack.terminal.pay(TerminalPaymentRequest(intent))

            let report = try await sandbox.reconciler(terminal: stack.terminal).reconcile()
            #expect(report.succeeded == 1)
            let entry = try #require(try await sandbox.journal.entry(key: intent.idempotencyKey))
            #expect(entry.state == .succeeded)
            #expect(entry.card?.maskedPAN == "****" + String(SimulatedBankCard.socialSecurityCard.pan.suffix(4)))
            #expect(try await sandbox.client.payments(personRef: person.personRef).own.count == 1)
            #expect(await stack.pad.transactions.count == 1)
        }
    }

    @Test("crashed before the terminal had the payment (or it declined): abandoned, the backend never hears of it")
    func neverCharged() async throws {
        try await Self.withCards { sandbox, stack in
            let (person, unsent) = try await Self.cardIntent(sandbox)
            let declined = try await sandbox.intent(for: person, key: "kiosk-declined0000000000000000001", method: .card)
            try await sandbox.journal.recordIntent(declined)
            await stack.pad.enqueueCardholder(.pays(.insufficientFunds))
            _ = try await stack.terminal.pay(TerminalPaymentRequest(declined))

            let report = try await sandbox.reconciler(terminal: stack.terminal).reconcile()
            #expect(report.abandoned == 2)
            #expect(try await sandbox.journal.entry(key: unsent.idempotencyKey)?.state == .abandoned)
            #expect(try await sandbox.journal.entry(key: declined.idempotencyKey)?.state == .abandoned)
            #expect(try await sandbox.client.payments(personRef: person.personRef).own.isEmpty)
            #expect(await stack.pad.charged == .zero)
        }
    }

    @Test("the backend will not record a charged card: the money is given back at the terminal, the journal says reversed")
    func backendRefuses() async throws {
        try await Self.withCards { sandbox, stack in
            let (person, intent) = try await Self.cardIntent(sandbox)
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            _ = try await stack.terminal.pay(TerminalPaymentRequest(intent))

            let report = try await sandbox.reconciler(backend: RefusingCardRecords(sandbox.client), terminal: stack.terminal).reconcile()
            #expect(report.reversed == 1)
            #expect(try await sandbox.journal.entry(key: intent.idempotencyKey)?.state == .reversed)
            #expect(await stack.pad.charged == .zero)
            #expect(try await sandbox.client.payments(personRef: person.personRef).own.isEmpty)
        }
    }

    @Test("without a terminal to ask, a card entry stays unresolved: never abandoned on a guess")
    func noTerminal() async throws {
        try await withReconcilerSandbox { sandbox in
            let (_, intent) = try await Self.cardIntent(sandbox)
            let report = try await sandbox.reconciler().reconcile()
            #expect(report.stillUnresolved == 1)
            #expect(try await sandbox.journal.entry(key: intent.idempotencyKey)?.state == .intended)
        }
    }

    @Test("the terminal does not answer: the entry stays unresolved for the next pass")
    func terminalDown() async throws {
        try await Self.withCards { sandbox, stack in
            let (_, intent) = try await Self.cardIntent(sandbox)
            stack.server.isOnline = false
            let report = try await sandbox.reconciler(terminal: stack.terminal).reconcile()
            #expect(report.stillUnresolved == 1)
            #expect(try await sandbox.journal.entry(key: intent.idempotencyKey)?.state == .intended)
        }
    }
}
