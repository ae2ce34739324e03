import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Testing

@Suite("session controller: QR, exempt, paid, window, paying for others, history, cards, timeouts, shutdown")
struct QRAndJourneySessionTests {
    @Test("an on-screen QR is shown, paid on the phone, found by polling and its receipt printed")
    func qrPaid() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .onScreenQR)
            guard case .showingQR(_, let snapshot) = await session.controller.state else { return }
            #expect(snapshot.qrURL?.hasSuffix(snapshot.paymentID) == true)
            #expect(try session.backend.simulateQRPaid(paymentID: snapshot.paymentID, channel: .wechat))
            try await session.advance(by: .seconds(5))
            try await session.waitFor(.takingReceipt)
            try await session.journalEntry("succeeded") { $0.state == .succeeded }
        }
    }

    @Test("an unpaid QR is closed when the kiosk's QR timeout runs out")
    func qrExpires() async throws {
        try await withSession(settings: { var settings = SessionHarness.settings(); settings.qrTimeoutSeconds = 4; return settings }()) { session in
            try await session.startPayment(.zhangJianguo, method: .onScreenQR)
            try await session.advance(by: .seconds(4))
            guard case .paymentFailed(_, let problem) = try await session.waitFor(.paymentFailed) else { return }
            #expect(problem.code == .paymentQRExpired)
            try await session.journalEntry("reversed") { $0.state == .reversed }
        }
    }

    @Test("an exempt resident (低保) registers without paying and gets a slip")
    func exempt() async throws {
        try await withSession { session in
            guard case .confirmingRegistration(let context) = try await session.identify(.wangXiuying, expect: .confirmingRegistration) else { return }
            #expect(context.enrollment.relief?.kind == .exemption)
            await session.send(.registrationConfirmed)
            #expect(try await session.waitFor(.takingReceipt) == .takingReceipt(.registered(.printed)))
            guard case .registrationSlip(let slip) = try #require(session.printer.printed.first) else { Issue.record("no slip"); return }
            #expect(slip.year == 2021)
            #expect(await session.journal.calls.isEmpty)
        }
    }

    @Test("after paying, the same resident is shown as paid and can reprint the receipt; the history lists it")
    func paidAndReprint() async throws {
        try await withSession { session in
            try await session.startPayment(.zhangJianguo, method: .payCode)
            session.scanner.scan("134567890123456700")
            try await session.waitFor(.takingReceipt)
            await session.send(.receiptTaken)
            await session.send(.doneTapped)
            try await session.waitFor(.attract)

            guard case .alreadyPaid(let context) = try await session.identify(.zhangJianguo, expect: .alreadyPaid) else { return }
            let paidID = try #require(context.enrollment.paidPaymentID)
            await session.send(.historyRequested)
            guard case .showingHistory(_, let entries, _) = try await session.waitFor(.showingHistory) else { return }
            #expect(entries.map(\.paymentID) == [paidID])
            await session.send(.backTapped)
            try await session.waitFor(.alreadyPaid)
            await session.send(.reprintRequested(paymentID: paidID))
            #expect(try await session.waitFor(.takingReceipt) == .takingReceipt(.reprinted(.printed)))
            #expect(session.printer.printed.count == 2)
        }
    }

    @Test("after the window closed, the resident is told so with the dates and cannot pay")
    func windowClosed() async throws {
        try await withSession(today: "2021-02-01") { session in
            guard case .unavailable(_, _, let problem) = try await session.identify(.zhangJianguo, expect: .unavailable) else { return }
            #expect(KioskError.Code.enrollmentRefusals.contains(problem.code))
            #expect(problem.backendMessage?.isEmpty == false)
            await session.send(.doneTapped)
            try await session.waitFor(.attract)
        }
    }

    @Test("a grandparent pays for a grandchild from their relatives list (代缴): the payment carries the payer")
    func payForRelative() async throws {
        try await withSession { session in
            guard case .showingEnrollment(let own) = try await session.identify(.zhangJianguo) else { return }
            let relative = try #require(own.insured.paysFor.first)
            await session.send(.payForOtherChosen)
            try await session.waitFor(.choosingBeneficiary)
            await session.send(.relativeChosen(personRef: relative.personRef))
            guard case .showingEnrollment(let context) = try await session.waitFor(.showingEnrollment) else { return }
            #expect(context.tier?.due == .yuan(300))
            #expect(context.payer?.personRef == own.insured.personRef)
            await session.send(.paymentConfirmed)
            await session.send(.methodChosen(.payCode))
            try await session.waitFor(.awaitingPayCode)
            session.scanner.scan("134567890123456700")
            try await session.waitFor(.takingReceipt)
            let entry = try await session.journalEntry("succeeded") { $0.state == .succeeded }
            #expect(entry.intent.personRef == relative.personRef)
            #expect(entry.intent.payerRef == own.insured.personRef)
            let list = try await session.client.payments(personRef: own.insured.personRef)
            #expect(list.forOthers.map(\.paymentId) == [entry.paymentID].compactMap { $0 })
        }
    }

    @Test("an SSC read by the card reader identifies the resident")
    func sscCard() async throws {
        try await withSession { session in
            session.cards.insert(CardHolder(kind: .socialSecurityCard, name: "张建国", idNumber: DemoResident.zhangJianguo.id, cardNumber: "J32060012"))
            try await session.waitFor(.showingEnrollment)
        }
    }

    @Test("a card pulled mid-read returns to attract with a message")
    func cardPulled() async throws {
        try await withSession { session in
            session.cards.holdReads = true
            session.cards.insert(CardHolder(kind: .idCard, name: "张建国", idNumber: DemoResident.zhangJianguo.id))
            try await session.waitFor(.readingCard)
            session.cards.remove(.idCard)
            let end = try await session.waitFor("attract") { $0.kind == .attract }
            #expect(end == .attract(notice: .cardRemoved))
        }
    }

    @Test("an e-SSC code scanned on the attract screen identifies the resident")
    func esscCode() async throws {
        try await withSession { session in
            session.scanner.scan("essc-demo-zhang-jianguo")
            try await session.waitFor(.showingEnrollment)
        }
    }

    @Test("left untouched: the continue countdown, then the session is wiped")
    func idleTimeout() async throws {
        try await withSession { session in
            _ = try await session.identify(.zhangJianguo)
            try await session.advance(by: .seconds(60))
            try await session.waitFor(.stillThere)
            await session.send(.continueTapped)
            try await session.waitFor(.showingEnrollment)
            try await session.advance(by: .seconds(60))
            try await session.waitFor(.stillThere)
            try await session.advance(by: .seconds(15))
            #expect(try await session.waitFor(.attract) == .attract(notice: .sessionTimedOut))
        }
    }

    @Test("the backend down: the look-up fails with a code and the session is wiped")
    func backendDown() async throws {
        let closed = try ClosedPort()
        try await withSession(backendURL: "http://127.0.0.1:\(closed.port)/kiosk/v1") { session in
            await session.send(.manualEntryChosen)
            await session.send(.identityTyped(name: DemoResident.zhangJianguo.name, idNumber: DemoResident.zhangJianguo.id))
            guard case .failed(let problem) = try await session.waitFor(.failed) else { return }
            #expect(problem.code == .backendUnreachable)
            #expect(problem.isUncertain)
        }
        closed.release()
    }

    @Test("graceful shutdown with money in flight: the session is wiped, the journal entry left for reconciliation")
    func shutdownInFlight() async throws {
        let session = try await SessionHarness()
        try await session.startPayment(.zhangJianguo, method: .payCode)
        session.scanner.scan("134567890123456792")
        try await session.waitFor(.awaitingPayer)
        await session.shutdown()
        #expect(await session.controller.state == .stopped)
        let entry = try #require(await session.journal.single)
        #expect(!entry.state.isResolved)
        #expect(entry.paymentID != nil)
    }
}
