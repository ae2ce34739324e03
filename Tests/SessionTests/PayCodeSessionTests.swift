import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import Testing

@Suite("session controller: pay-code payments against the sandbox backend")
struct PayCodeSessionTests {
    @Test("an adult pays 430 yuan by WeChat pay code: journaled first, receipt printed, data wiped, nothing personal logged")
    func payCodeSucceeds() async throws {
        try await withSession { session in
            guard case .showingEnrollment(let context) = try await session.identify(.zhangJianguo) else { return }
            #expect(context.insured.maskedName == "张*国")
            #expect(context.tier?.due == .yuan(430))
            #expect(context.enrollment.window.closes == CalendarDate(iso: "2020-12-20"))
            await session.send(.paymentConfirmed)
            await session.send(.methodChosen(.payCode))
            try await session.waitFor(.awaitingPayCode)
            session.scanner.scan("134567890123456700")
            try await session.waitFor(.takingReceipt)

            let entry = try await session.journalEntry("printed") { $0.receipt == .printed }
            #expect(entry.intent.idempotencyKey == "key-0001")
            #expect(entry.state == .succeeded)
            #expect(entry.intent.amount == .yuan(430))
            #expect(await session.journal.calls == ["intent", "submitted", "state:succeeded", "receipt:printed"])
            guard case .electronicReceipt(let receipt) = try #require(session.printer.printed.first) else {
                Issue.record("no e-receipt printed")
                return
            }
            #expect(receipt.total == .yuan(430))
            #expect(receipt.payerMaskedName == "张*国")
            #expect(receipt.paymentID == entry.paymentID)
            #expect(receipt.kioskID == SessionHarness.kioskID)

            try await session.advance(by: .seconds(20))
            let idle = try await session.waitFor(.attract)
            #expect(!idle.holdsPersonalData)
            let log = session.logText
            for secret in ["134567890123456700", "320602196005120210", "张建国"] {
                #expect(!log.contains(secret), "the log shows personal data")
            }
            #expect(log.contains("session ended"))
        }
    }

    @Test("the payer confirms on the phone: queried after the poll interval, then succeeds (suffix 91)")
    func userPaying() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456791")
            try await session.waitFor(.awaitingPayer)
            // The sandbox answers user-paying to the first query and succeeded to the second.
            try await session.advance(by: .seconds(5))
            try await session.advance(by: .seconds(5))
            try await session.waitFor(.takingReceipt)
            try await session.journalEntry("succeeded") { $0.state == .succeeded }
        }
    }

    @Test("insufficient funds: the provider's message is shown, the journal says failed, a retry is offered (suffix 93)")
    func insufficientFunds() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456793")
            guard case .paymentFailed(_, let problem) = try await session.waitFor(.paymentFailed) else { return }
            #expect(problem.code == .paymentDeclined)
            #expect(problem.backendMessage == "付款账户余额不足，请更换付款方式")
            try await session.journalEntry("failed") { $0.state == .failed }
            await session.send(.retryChosen)
            try await session.waitFor(.choosingMethod)
        }
    }

    @Test("a pay code is used once: after a declined payment the same code is refused, a fresh one is accepted")
    func payCodeUsedOnce() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456793")
            try await session.waitFor(.paymentFailed)
            try await session.journalEntry("failed") { $0.state == .failed }
            await session.send(.retryChosen)
            try await session.waitFor(.choosingMethod)
            await session.send(.methodChosen(.payCode))
            try await session.waitFor(.awaitingPayCode)
            session.scanner.scan("134567890123456793")
            try await session.waitFor("the used-code notice") { state in
                if case .awaitingPayCode(_, let notice) = state { return notice == .payCodeAlreadyUsed }
                return false
            }
            let calls = await session.journal.calls
            #expect(calls.filter { $0 == "intent" }.count == 1, "\(calls)")
            session.scanner.scan("134567890123456700")
            try await session.waitFor(.takingReceipt)
            #expect(!session.logText.contains("134567890123456793"))
        }
    }

    @Test("no answer ever: queried up to the limit, then reversed; the journal says reversed (suffix 96)")
    func unknownIsReversed() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456796")
            try await session.waitFor(.awaitingPayer)
            for _ in 0..<session.settings.maximumPolls {
                try await session.advance(by: .seconds(5))
            }
            guard case .paymentFailed(_, let problem) = try await session.waitFor(.paymentFailed) else { return }
            #expect(problem.code == .paymentNotConfirmed)
            let entry = try await session.journalEntry("reversed") { $0.state == .reversed }
            let payment = try await session.client.payment(id: try #require(entry.paymentID))
            #expect(payment.status == .reversed)
        }
    }

    @Test("cancel while the payer is confirming reverses the payment and wipes the session (suffix 92)")
    func cancelReverses() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456792")
            try await session.waitFor(.awaitingPayer)
            await session.send(.cancelTapped)
            let end = try await session.waitFor("attract") { $0 == .attract(notice: .paymentCancelled) }
            #expect(!end.holdsPersonalData)
            try await session.journalEntry("reversed") { $0.state == .reversed }
        }
    }

    @Test("a code that is not a pay code is refused on the pay-code screen, without a payment")
    func notAPayCode() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("hello")
            try await session.waitFor("the pay-code notice") { state in
                if case .awaitingPayCode(_, let notice) = state { return notice == .payCodeInvalid }
                return false
            }
            #expect(await session.journal.calls.isEmpty)
        }
    }

    @Test("a journal that refuses the intent stops the payment before the backend is asked")
    func journalFails() async throws {
        try await withSession { session in
            await session.journal.failIntents(with: KioskError(.journalUnavailable, "disk full"))
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456700")
            let failed = try await session.waitFor(.failed)
            #expect(failed == .failed(SessionProblem(.journalUnavailable)))
            let person = try await session.client.resolveIdentity(.typed(.init(method: "typed", idNumber: DemoResident.zhangJianguo.id, name: DemoResident.zhangJianguo.name)))
            #expect(try await session.client.payments(personRef: person.personRef).own.isEmpty)
        }
    }

    @Test("a printer out of paper: the resident may continue without a receipt, which stays owed")
    func paperOut() async throws {
        try await withSession { session in
            session.printer.set(readiness: .unable(.printerPaperOut, paper: .out))
            _ = try await session.identify(.zhangJianguo)
            await session.send(.paymentConfirmed)
            await session.send(.methodChosen(.payCode))
            guard case .printerUnavailable(_, let readiness) = try await session.waitFor(.printerUnavailable) else { return }
            #expect(readiness.paper == .out)
            await session.send(.continueWithoutReceiptChosen)
            try await session.waitFor(.awaitingPayCode)
            session.scanner.scan("134567890123456700")
            let end = try await session.waitFor(.finished)
            #expect(end == .finished(.paid(.owed)))
            try await session.journalEntry("owed") { $0.state == .succeeded && $0.receipt == .owed }
            #expect(session.printer.printed.isEmpty)
        }
    }

    @Test("a print failure after payment leaves the receipt owed")
    func printFails() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.printer.set(readiness: .ready(), failure: KioskError(.printerJammed, "jammed"))
            session.scanner.scan("134567890123456700")
            #expect(try await session.waitFor(.finished) == .finished(.paid(.owed)))
            try await session.journalEntry("owed") { $0.state == .succeeded && $0.receipt == .owed }
        }
    }
}
