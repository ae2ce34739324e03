import Foundation
@testable import KioskBackendAPI
import KioskCore
import KioskSession
import KioskSimulators
import KioskTesting
import Synchronization
import Testing

/// Paying by card end to end: the session controller, its journal, the sandbox backend over HTTP and
/// the virtual PIN pad over HTTPS through the nexo driver. Money is counted on both sides: what the
/// pad charged and what the backend recorded must agree, with one receipt per recorded payment.
@Suite("session controller: paying by card at the nexo terminal", .serialized, .timeLimit(.minutes(2)))
struct CardSessionTests {
    static let settings = SessionHarness.settings(methods: [.payCode, .onScreenQR, .card])

    static func withCardSession(between: @escaping (any BackendClient) -> any BackendClient = { $0 },
                                _ body: (SessionHarness, NexoTerminalStack) async throws -> Void) async throws {
        try await withNexoStack(try await NexoTerminalStack.start()) { stack in
            try await withSession(settings: settings, between: between, terminal: stack.terminal) { session in
                try await body(session, stack)
            }
        }
    }

    /// Identifies 张建国, confirms his 430 yuan and chooses the card.
    static func chooseCard(_ session: SessionHarness) async throws {
        _ = try await session.identify(.zhangJianguo)
        await session.send(.paymentConfirmed)
        await session.send(.methodChosen(.card))
        try await session.waitFor(.atTerminal)
    }

    static func ownPayments(_ session: SessionHarness) async throws -> [BackendPayment] {
        let person = try await session.client.resolveIdentity(.typed(.init(method: "typed", idNumber: DemoResident.zhangJianguo.id, name: DemoResident.zhangJianguo.name)))
        return try await session.client.payments(personRef: person.personRef).own
    }

    @Test("approved at the PIN pad: journaled, recorded by the backend as method card with ****last four, receipt printed with 银行卡 ****1234")
    func approved() async throws {
        try await Self.withCardSession { session, stack in
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            try await Self.chooseCard(session)
            try await session.waitFor(.takingReceipt)
            let entry = try await session.journalEntry("succeeded with the approval") { $0.state == .succeeded && $0.card != nil }
            let lastFour = String(SimulatedBankCard.unionPayDebit.pan.suffix(4))
            #expect(entry.card?.maskedPAN == "****" + lastFour)
            #expect(entry.intent.method == .card)
            let payments = try await Self.ownPayments(session)
            #expect(payments.count == 1)
            #expect(payments.first?.method == .card)
            #expect(payments.first?.status == .succeeded)
            #expect(payments.first?.card?.maskedPan == "****" + lastFour)
            #expect(payments.first?.card?.terminalTransactionId == entry.card?.terminalTransactionID)
            #expect(await stack.pad.charged == .yuan(430))
            guard case .electronicReceipt(let receipt) = session.printer.printed.last else { Issue.record("no receipt printed"); return }
            #expect(receipt.card?.maskedPAN == "****" + lastFour)
            #expect(receipt.card?.authCode == entry.card?.authCode)
            #expect(!session.logText.contains(SimulatedBankCard.unionPayDebit.pan), "the card number is never logged")
        }
    }

    @Test("wrong PIN: declined, nothing charged or recorded; the resident pays again with the right PIN")
    func wrongPINThenApproved() async throws {
        try await Self.withCardSession { session, stack in
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit, pins: ["000000", "111111", "222222"], by: .insert))
            try await Self.chooseCard(session)
            guard case .paymentFailed(_, let problem) = try await session.waitFor(.paymentFailed) else { return }
            #expect(problem.code == .bankCardWrongPIN)
            #expect(try await Self.ownPayments(session).isEmpty)
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            await session.send(.retryChosen)
            await session.send(.methodChosen(.card))
            try await session.waitFor(.takingReceipt)
            #expect(await session.journal.entries.values.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.abandoned, .succeeded])
            #expect(try await Self.ownPayments(session).count == 1)
            #expect(await stack.pad.charged == .yuan(430))
        }
    }

    @Test("cancel on the screen while the resident is at the PIN pad: the terminal stops the payment, nothing charged, nothing recorded")
    func cancelledAtTheScreen() async throws {
        try await Self.withCardSession { session, stack in
            var screens = await stack.pad.screens().makeAsyncIterator()
            try await Self.chooseCard(session)
            while let screen = await screens.next() {
                if case .presentCard = screen { break }
            }
            await session.send(.cancelTapped)
            guard case .attract(let notice) = try await session.waitFor(.attract) else { return }
            #expect(notice == .paymentCancelled)
            try await session.journalEntry("abandoned") { $0.state == .abandoned }
            #expect(await stack.pad.charged == .zero)
            #expect(try await Self.ownPayments(session).isEmpty)
        }
    }

    @Test("the terminal's answer is lost after it charged the card: the session asks TransactionStatus, records the one payment, prints its receipt")
    func answerLost() async throws {
        try await Self.withCardSession { session, stack in
            await stack.pad.inject(.answerLostAfterApproval)
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            try await Self.chooseCard(session)
            try await session.waitFor(.takingReceipt)
            #expect(await stack.pad.transactions.count == 1, "never a second Payment")
            #expect(await stack.pad.charged == .yuan(430))
            #expect(try await Self.ownPayments(session).count == 1)
            try await session.journalEntry("succeeded") { $0.state == .succeeded }
        }
    }

    @Test("the backend will not record the approved payment: the money goes back at the terminal, the journal says reversed")
    func backendRefuses() async throws {
        try await Self.withCardSession(between: { RefusingCardRecords($0) }) { session, stack in
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            try await Self.chooseCard(session)
            guard case .failed(let problem) = try await session.waitFor(.failed) else { return }
            #expect(problem.code == .paymentReversed)
            try await session.journalEntry("reversed with its approval") { $0.state == .reversed && $0.card != nil }
            #expect(await stack.pad.charged == .zero)
            #expect(await stack.pad.transactions.map(\.state) == [.reversed])
            #expect(try await Self.ownPayments(session).isEmpty)
        }
    }
}

/// The real backend, but it refuses (a 409, certain) to record card payments.
final class RefusingCardRecords: BackendClient {
    let base: any BackendClient
    init(_ base: any BackendClient) { self.base = base }

    func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson { try await base.resolveIdentity(claim) }
    func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment { try await base.enrollment(personRef: personRef, year: year) }
    func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        guard request.method != .card else {
            throw KioskError(.backendRejected, "test: refused", cause: BackendProblem(
                status: 409, .init(title: "already paid", status: 409, code: "enrollment.already_paid", messageZh: "已缴费")))
        }
        return try await base.createPayment(request, idempotencyKey: idempotencyKey)
    }
    func payment(id: String) async throws(KioskError) -> BackendPayment { try await base.payment(id: id) }
    func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence { try await base.fencePayment(idempotencyKey: idempotencyKey) }
    func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        try await base.reversePayment(id: id, idempotencyKey: idempotencyKey)
    }
    func payments(personRef: String) async throws(KioskError) -> BackendPaymentList { try await base.payments(personRef: personRef) }
    func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt { try await base.receipt(paymentID: paymentID) }
    func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration {
        try await base.desiredConfiguration(kioskID: kioskID, region: region, ifNoneMatch: etag)
    }
    func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError) { try await base.reportState(kioskID: kioskID, report) }
}
