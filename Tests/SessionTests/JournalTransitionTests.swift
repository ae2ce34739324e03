import Foundation
import KioskCore
import KioskSession
import Testing

@Suite("payment journal: legal transitions, and every other one refused")
struct JournalTransitionTests {
    /// The rules, written independently of the implementation: recordState targets allowed from each state.
    static let legalTargets: [JournalPaymentState: Set<JournalPaymentState>] = [
        .intended: [.abandoned],
        .submitted: [.succeeded, .failed, .reversed, .expired],
    ]

    /// Brings a fresh entry to `state` by legal calls.
    static func entry(in state: JournalPaymentState, journal: SQLitePaymentJournal, key: String) async throws {
        try await journal.recordIntent(JournalSamples.intent(key))
        switch state {
        case .intended: return
        case .abandoned: try await journal.recordState(key: key, .abandoned, at: JournalSamples.start + 1)
        default:
            try await journal.recordSubmitted(key: key, paymentID: "pay_\(key)", at: JournalSamples.start + 1)
            if state != .submitted { try await journal.recordState(key: key, state, at: JournalSamples.start + 2) }
        }
    }

    @Test("the kiosk's whole path: intended → submitted → succeeded (receipt owed) → printed")
    func successPath() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let journal = fixture.journal
        let intent = JournalSamples.intent("key-path-00001")
        try await journal.recordIntent(intent)
        #expect(try await journal.entry(key: intent.idempotencyKey)?.state == .intended)
        #expect(try await journal.entry(key: intent.idempotencyKey)?.receipt == .notDue)
        try await journal.recordSubmitted(key: intent.idempotencyKey, paymentID: "pay_path0001", at: JournalSamples.start + 1)
        let submitted = try #require(try await journal.entry(key: intent.idempotencyKey))
        #expect(submitted.state == .submitted)
        #expect(submitted.paymentID == "pay_path0001")
        #expect(submitted.updatedAt == JournalSamples.start + 1)
        try await journal.recordState(key: intent.idempotencyKey, .succeeded, at: JournalSamples.start + 2)
        #expect(try await journal.entry(key: intent.idempotencyKey)?.receipt == .owed)
        try await journal.recordReceipt(key: intent.idempotencyKey, .printed, at: JournalSamples.start + 3)
        let printed = try #require(try await journal.entry(key: intent.idempotencyKey))
        #expect(printed.state == .succeeded)
        #expect(printed.receipt == .printed)
        #expect(printed.updatedAt == JournalSamples.start + 3)
        #expect(try await journal.owedReceipts().isEmpty)
    }

    @Test("recordState from each state to each state follows the table", arguments: JournalPaymentState.allCases)
    func stateTransitions(from: JournalPaymentState) async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        for target in JournalPaymentState.allCases {
            let key = "key-\(from.rawValue)-\(target.rawValue)"
            try await Self.entry(in: from, journal: fixture.journal, key: key)
            let before = try #require(try await fixture.journal.entry(key: key))
            if Self.legalTargets[from, default: []].contains(target) {
                try await fixture.journal.recordState(key: key, target, at: JournalSamples.start + 10)
                let after = try #require(try await fixture.journal.entry(key: key))
                #expect(after.state == target)
                #expect(after.receipt == (target == .succeeded ? .owed : .notDue))
                #expect(after.updatedAt == JournalSamples.start + 10)
            } else {
                await expectJournalError(.journalIllegalTransition) {
                    try await fixture.journal.recordState(key: key, target, at: JournalSamples.start + 10)
                }
                #expect(try await fixture.journal.entry(key: key) == before, "a refused call records nothing (\(from) → \(target))")
            }
        }
    }

    @Test("a payment id is recorded only on an intent: never again, never on a resolved entry", arguments: JournalPaymentState.allCases)
    func submission(from: JournalPaymentState) async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let key = "key-submit-\(from.rawValue)"
        try await Self.entry(in: from, journal: fixture.journal, key: key)
        let before = try #require(try await fixture.journal.entry(key: key))
        if from == .intended {
            try await fixture.journal.recordSubmitted(key: key, paymentID: "pay_new", at: JournalSamples.start + 10)
            #expect(try await fixture.journal.entry(key: key)?.state == .submitted)
        } else {
            await expectJournalError(.journalIllegalTransition) {
                try await fixture.journal.recordSubmitted(key: key, paymentID: "pay_new", at: JournalSamples.start + 10)
            }
            #expect(try await fixture.journal.entry(key: key) == before)
        }
    }

    @Test("a receipt is printed only after success, and only once", arguments: JournalPaymentState.allCases)
    func receipts(from: JournalPaymentState) async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let journal = fixture.journal
        let key = "key-receipt-\(from.rawValue)"
        try await Self.entry(in: from, journal: journal, key: key)
        for receipt in [JournalReceiptState.notDue, .owed] {
            await expectJournalError(.journalIllegalTransition) { try await journal.recordReceipt(key: key, receipt, at: JournalSamples.start + 10) }
        }
        if from == .succeeded {
            try await journal.recordReceipt(key: key, .printed, at: JournalSamples.start + 10)
            #expect(try await journal.entry(key: key)?.receipt == .printed)
            await expectJournalError(.journalIllegalTransition) { try await journal.recordReceipt(key: key, .printed, at: JournalSamples.start + 11) }
            await expectJournalError(.journalIllegalTransition) { try await journal.recordReceipt(key: key, .owed, at: JournalSamples.start + 11) }
        } else {
            await expectJournalError(.journalIllegalTransition) { try await journal.recordReceipt(key: key, .printed, at: JournalSamples.start + 10) }
            #expect(try await journal.entry(key: key)?.receipt == .notDue)
        }
    }

    @Test("every record call on a key never journaled is journal.unknown_intent")
    func unknownKey() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let journal = fixture.journal
        await expectJournalError(.journalUnknownIntent) { try await journal.recordSubmitted(key: "key-nobody", paymentID: "pay_x", at: JournalSamples.start) }
        await expectJournalError(.journalUnknownIntent) { try await journal.recordState(key: "key-nobody", .abandoned, at: JournalSamples.start) }
        await expectJournalError(.journalUnknownIntent) { try await journal.recordReceipt(key: "key-nobody", .printed, at: JournalSamples.start) }
        #expect(try await journal.entry(key: "key-nobody") == nil)
    }

    @Test("a card the terminal charged: its approval is journaled once, on an intent; then it can be reversed but never abandoned")
    func cardApproval() async throws {
        let fixture = try JournalFixture()
        defer { fixture.remove() }
        let journal = fixture.journal
        let key = "key-card-00001"
        try await journal.recordIntent(JournalSamples.intent(key))
        let approval = CardApproval(terminalTransactionID: "T1.881", terminalTimeStamp: "2020-11-15T10:00:00.000+08:00", maskedPAN: "****0017",
                                    authCode: "654321", acquirerReference: "881", brand: "UnionPay", amount: Money(fen: 43_000))
        try await journal.recordCardApproval(key: key, approval, at: JournalSamples.start + 1)
        #expect(try await journal.entry(key: key)?.card == approval)
        await expectJournalError(.journalIllegalTransition) { try await journal.recordCardApproval(key: key, approval, at: JournalSamples.start + 2) }
        await expectJournalError(.journalIllegalTransition) { try await journal.recordState(key: key, .abandoned, at: JournalSamples.start + 2) }
        try await journal.recordState(key: key, .reversed, at: JournalSamples.start + 3)
        #expect(try await journal.entry(key: key)?.state == .reversed)

        let plain = "key-card-00002"
        try await journal.recordIntent(JournalSamples.intent(plain))
        await expectJournalError(.journalIllegalTransition) { try await journal.recordState(key: plain, .reversed, at: JournalSamples.start + 1) }
        try await journal.recordSubmitted(key: plain, paymentID: "pay_x", at: JournalSamples.start + 1)
        await expectJournalError(.journalIllegalTransition) { try await journal.recordCardApproval(key: plain, approval, at: JournalSamples.start + 2) }
    }
}
