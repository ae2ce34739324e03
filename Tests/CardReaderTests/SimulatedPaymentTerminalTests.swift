import Foundation
import KioskCore
@testable import KioskSimulators
import KioskTesting
import Testing

// The virtual PIN pad's engine (no networking): nexo requests in, answers out, the cardholder
// driven by the controls or a script, time on a TestClock. Tests wait for the pad's screens
// (`screens()`), never sleep. (In this target because KioskSimulators has no test target of its own.)

private let poiID = "V400m-324688179"
private let saleID = "KIOSK0001"
/// 2026-06-15T04:00:00Z: the sample cards are valid, `.expired` is not.
private let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_781_496_000) }
private let saleTimeStamp = "2026-06-15T12:00:00.000+08:00"

private func makeTerminal(clock: any Clock<Duration> = ContinuousClock()) -> SimulatedPaymentTerminal {
    SimulatedPaymentTerminal(poiID: poiID, clock: clock, now: fixedNow, references: .sequential())
}

// MARK: Requests as the kiosk sends them

private enum Send {
    static func payment(_ amount: Money, serviceID: String, transactionID: String? = nil, poi: String = poiID) -> NexoRequest {
        NexoRequest(
            body: .payment(NexoPaymentRequest(
                saleData: NexoSaleData(saleTransactionID: NexoTransactionIdentifier(transactionID: transactionID ?? "K-" + serviceID, timeStamp: saleTimeStamp)),
                paymentTransaction: NexoPaymentTransaction(amountsReq: NexoAmountsReq(currency: "CNY", requestedAmount: amount))
            )),
            serviceID: serviceID, saleID: saleID, poiID: poi
        )
    }

    static func status(of serviceID: String?, category: NexoMessageHeader.MessageCategory = .payment) -> NexoRequest {
        let reference = serviceID.map { NexoMessageReference(messageCategory: category, saleID: saleID, serviceID: $0) }
        return NexoRequest(body: .transactionStatus(NexoTransactionStatusRequest(messageReference: reference)), serviceID: "TS" + (serviceID ?? "LAST"), saleID: saleID, poiID: poiID)
    }

    static func abort(_ serviceID: String) -> NexoRequest {
        NexoRequest(
            body: .abort(NexoAbortRequest(messageReference: NexoMessageReference(messageCategory: .payment, saleID: saleID, serviceID: serviceID))),
            serviceID: "AB" + serviceID, saleID: saleID, poiID: poiID
        )
    }

    static func reversal(of transaction: NexoTransactionIdentifier, serviceID: String, amount: Money? = nil) -> NexoRequest {
        NexoRequest(
            body: .reversal(NexoReversalRequest(
                originalPOITransaction: NexoOriginalPOITransaction(saleID: saleID, poiID: poiID, poiTransactionID: transaction),
                reversalReason: .unable2Compl, reversedAmount: amount
            )),
            serviceID: serviceID, saleID: saleID, poiID: poiID
        )
    }

    static func reconciliation(_ type: NexoReconciliationType = .saleReconciliation, id: String? = nil, serviceID: String) -> NexoRequest {
        NexoRequest(body: .reconciliation(NexoReconciliationRequest(reconciliationType: type, poiReconciliationID: id)), serviceID: serviceID, saleID: saleID, poiID: poiID)
    }

    static func login() -> NexoRequest {
        NexoRequest(
            body: .login(NexoLoginRequest(
                dateTime: saleTimeStamp, saleSoftware: NexoSaleSoftware(manufacturerID: "kioskd", applicationName: "kioskd", softwareVersion: "0.1.0"),
                operatorLanguage: "zh"
            )),
            serviceID: "LOGIN1", saleID: saleID, poiID: poiID
        )
    }

    static func diagnosis() -> NexoRequest {
        NexoRequest(body: .diagnosis(NexoDiagnosisRequest(hostDiagnosisFlag: true)), serviceID: "DIAG1", saleID: saleID, poiID: poiID)
    }
}

// MARK: Reading answers

private extension SimulatedTerminalAnswer {
    var payment: NexoPaymentResponse? {
        if case .payment(let body)? = response?.body { body } else { nil }
    }

    var status: NexoTransactionStatusResponse? {
        if case .transactionStatus(let body)? = response?.body { body } else { nil }
    }

    var reversal: NexoReversalResponse? {
        if case .reversal(let body)? = response?.body { body } else { nil }
    }

    var reconciliation: NexoReconciliationResponse? {
        if case .reconciliation(let body)? = response?.body { body } else { nil }
    }
}

/// Follows the pad's screens: `wait(for:)` returns once the pad has shown `expected`.
private struct ScreenWatch {
    private var iterator: AsyncStream<SimulatedTerminalScreen>.AsyncIterator
    private(set) var seen: [SimulatedTerminalScreen] = []

    init(_ terminal: SimulatedPaymentTerminal) async {
        iterator = await terminal.screens().makeAsyncIterator()
    }

    mutating func wait(for expected: SimulatedTerminalScreen) async throws {
        while let screen = await iterator.next() {
            seen.append(screen)
            if screen == expected { return }
        }
        throw TestFixtureError("the screens ended before \(expected); seen \(seen)")
    }
}

@Suite("simulated payment terminal: nexo messages, the cardholder at the pad, faults", .timeLimit(.minutes(1)))
struct SimulatedPaymentTerminalTests {
    // MARK: Approved

    @Test("an approved payment: the card's balance is debited, the response carries what Adyen's does")
    func approved() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        async let answer = terminal.handle(Send.payment(.yuan(380), serviceID: "S1", transactionID: "K-2026-0001"))

        try await screens.wait(for: .presentCard(amount: .yuan(380)))
        #expect(await terminal.enterPIN("123456") == false, "no card yet")
        #expect(await terminal.present(.unionPayDebit, by: .insert))
        try await screens.wait(for: .enterPIN(triesLeft: 3))
        #expect(await terminal.enterPIN(SimulatedBankCard.samplePIN))
        let response = try #require(await answer.response)
        try await screens.wait(for: .removeCard)
        #expect(screens.seen == [.idle, .presentCard(amount: .yuan(380)), .enterPIN(triesLeft: 3), .authorising, .approved, .removeCard])

        #expect(response.header == NexoMessageHeader(messageCategory: .payment, messageType: .response, serviceID: "S1", saleID: saleID, poiID: poiID))
        guard case .payment(let payment) = response.body else { Issue.record("not a PaymentResponse: \(response.body.key)"); return }
        #expect(payment.response.result == .success && payment.response.errorCondition == nil)
        let fields = payment.response.additionalFields
        #expect(fields["pspReference"] == "8800000000000001")
        #expect(fields["tid"] == terminal.tid && terminal.tid.count == 8)
        #expect(fields["transactionType"] == "GOODS_SERVICES")
        #expect(fields["posAuthAmountValue"] == "38000")
        #expect(payment.saleData?.saleTransactionID == NexoTransactionIdentifier(transactionID: "K-2026-0001", timeStamp: saleTimeStamp))
        #expect(payment.poiData?.poiTransactionID == NexoTransactionIdentifier(transactionID: "SIMT0000000001.8800000000000001", date: fixedNow()))
        #expect(payment.poiData?.poiReconciliationID == "1000")
        let result = try #require(payment.paymentResult)
        #expect(result.paymentInstrumentData?.paymentInstrumentType == "Card")
        #expect(result.paymentInstrumentData?.cardData == NexoCardData(maskedPan: "622202 **** 0017", paymentBrand: "UnionPay", entryMode: ["ICC"]))
        #expect(result.amountsResp == NexoAmountsResp(currency: "CNY", authorizedAmount: .yuan(380)))
        #expect(result.paymentAcquirerData?.approvalCode == "000001")
        #expect(result.paymentAcquirerData?.acquirerTransactionID?.transactionID == "8800000000000001")
        #expect(result.onlineFlag == true)
        // What the kiosk's decoder reads back.
        #expect(try NexoResponse(jsonData: response.jsonData()) == response)

        #expect(await terminal.balance(of: .unionPayDebit) == .yuan(5_000 - 380))
        #expect(await terminal.charged == .yuan(380))
        #expect(await terminal.transactions == [SimulatedTerminalTransaction(
            saleTransactionID: "K-2026-0001", serviceID: "S1", poiTransactionID: try #require(payment.poiData?.poiTransactionID),
            amount: .yuan(380), state: .approved
        )])

        #expect(await terminal.removeCard())
        try await screens.wait(for: .idle)
        #expect(await terminal.removeCard() == false)
    }

    @Test("a scripted social security card tapped: approved without further calls, EntryMode Contactless, no card to remove")
    func scriptedTap() async throws {
        let terminal = makeTerminal()
        await terminal.enqueueCardholder(.pays(.socialSecurityCard, by: .tap))
        let payment = try #require(await terminal.handle(Send.payment(.yuan(120), serviceID: "S1")).payment)
        #expect(payment.response.result == .success)
        #expect(payment.paymentResult?.paymentInstrumentData?.cardData?.entryMode == ["Contactless"])
        #expect(payment.paymentResult?.paymentInstrumentData?.cardData?.maskedPan == "621700 **** 0029")
        #expect(await terminal.screen == .approved)
        #expect(await terminal.balance(of: .socialSecurityCard) == .yuan(2_000 - 120))
        #expect(await terminal.pendingCardholders.isEmpty)
    }

    // MARK: PIN

    @Test("a wrong PIN twice, then the right one: approved")
    func wrongPINTwiceThenRight() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        async let answer = terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        try await screens.wait(for: .presentCard(amount: .yuan(380)))
        await terminal.present(.unionPayDebit)
        try await screens.wait(for: .enterPIN(triesLeft: 3))
        await terminal.enterPIN("000000")
        try await screens.wait(for: .enterPIN(triesLeft: 2))
        await terminal.enterPIN("654321")
        try await screens.wait(for: .enterPIN(triesLeft: 1))
        await terminal.enterPIN("123456")
        #expect(await answer.payment?.response.result == .success)
        #expect(await terminal.charged == .yuan(380))
    }

    @Test("a wrong PIN three times: declined WrongPIN (refusalReason Invalid Pin), nothing charged")
    func wrongPINThreeTimes() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        await terminal.enqueueCardholder(.pays(.unionPayDebit, pins: ["000000", "111111", "222222", "123456"], by: .insert))
        let payment = try #require(await terminal.handle(Send.payment(.yuan(380), serviceID: "S1")).payment)
        #expect(payment.response.result == .failure)
        #expect(payment.response.errorCondition == .wrongPIN)
        #expect(payment.response.additionalFields["refusalReason"] == "Invalid Pin")
        #expect(payment.paymentResult?.amountsResp == nil)
        try await screens.wait(for: .declined("Wrong PIN"))
        try await screens.wait(for: .idle)  // the scripted cardholder took the card out
        #expect(screens.seen.contains(.enterPIN(triesLeft: 1)))
        #expect(!screens.seen.contains(.authorising))
        #expect(await terminal.charged == .zero)
        #expect(await terminal.balance(of: .unionPayDebit) == .yuan(5_000))
        #expect(await terminal.transactions.map(\.state) == [.declined("Wrong PIN")])
    }

    // MARK: Refusals

    @Test("the acquirer refuses: Failure, Refusal, refusalReason as Adyen's, nothing charged",
          arguments: [(SimulatedBankCard.insufficientFunds, "Not enough balance"), (.expired, "Expired Card"), (.blocked, "Blocked Card")])
    func refused(card: SimulatedBankCard, reason: String) async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        await terminal.enqueueCardholder(.pays(card))
        let answer = await terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        let payment = try #require(answer.payment)
        #expect(payment.response.result == .failure)
        #expect(payment.response.errorCondition == .refusal)
        #expect(payment.response.additionalFields["refusalReason"] == reason)
        #expect(payment.response.additionalFields["pspReference"] != nil)
        #expect(payment.saleData?.saleTransactionID.transactionID == "K-S1")
        #expect(payment.paymentResult?.amountsResp == nil)
        try await screens.wait(for: .declined(reason))
        #expect(screens.seen.contains(.authorising))
        #expect(await terminal.charged == .zero)
        #expect(await terminal.balance(of: card) == card.balance)
        #expect(await terminal.transactions.map(\.state) == [.declined(reason)])
    }

    // MARK: Cancel, abort, timeout

    @Test("cancel pressed at the PIN pad: Failure, Cancel")
    func cancelAtPad() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        async let answer = terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        try await screens.wait(for: .presentCard(amount: .yuan(380)))
        #expect(await terminal.cancelAtPINPad())
        let payment = try #require(await answer.payment)
        #expect(payment.response.result == .failure && payment.response.errorCondition == .cancel)
        try await screens.wait(for: .declined("Cancelled"))
        #expect(await terminal.cancelAtPINPad() == false)

        await terminal.enqueueCardholder(.cancels)
        #expect(await terminal.handle(Send.payment(.yuan(380), serviceID: "S2")).payment?.response.errorCondition == .cancel)
        #expect(await terminal.charged == .zero)
    }

    @Test("an AbortRequest naming the payment: answered with no body, the payment ends Aborted")
    func abortedBySaleSystem() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        async let answer = terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        try await screens.wait(for: .presentCard(amount: .yuan(380)))
        await terminal.present(.unionPayDebit)
        try await screens.wait(for: .enterPIN(triesLeft: 3))

        #expect(await terminal.handle(Send.abort("OTHER")) == .empty)
        #expect(await terminal.screen == .enterPIN(triesLeft: 3), "an abort naming another payment changes nothing")
        #expect(await terminal.handle(Send.abort("S1")) == .empty)
        let payment = try #require(await answer.payment)
        #expect(payment.response.result == .failure && payment.response.errorCondition == .aborted)
        try await screens.wait(for: .declined("Aborted"))

        let status = try #require(await terminal.handle(Send.status(of: "S1")).status)
        #expect(status.response.result == .success)
        #expect(status.repeatedMessageResponse?.repeatedResponseMessageBody.paymentResponse?.response.errorCondition == .aborted)
        #expect(await terminal.enterPIN("123456") == false)
        #expect(await terminal.charged == .zero)
    }

    @Test("no card within the card-presentation timeout (on the clock): Cancel, refusalReason Shopper timed out")
    func cardPresentationTimeout() async throws {
        let clock = TestClock()
        let terminal = makeTerminal(clock: clock)
        await terminal.enqueueCardholder(.walksAway)
        async let answer = terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        try await clock.waitForSleepers(atLeast: 1)
        #expect(clock.wakeTimes == [.seconds(60)])
        clock.advance(by: .seconds(59))
        #expect(await terminal.screen == .presentCard(amount: .yuan(380)))
        clock.advance(by: .seconds(1))
        let payment = try #require(await answer.payment)
        #expect(payment.response.errorCondition == .cancel)
        #expect(payment.response.additionalFields["refusalReason"] == "Shopper timed out")
        #expect(await terminal.screen == .declined("Timed out"))
        #expect(await terminal.transactions.map(\.state) == [.declined("Timed out")])
    }

    @Test("PINs run out (the scripted cardholder walks away at the PIN prompt): the PIN-entry timeout ends it, the card is taken out")
    func pinEntryTimeout() async throws {
        let clock = TestClock()
        let terminal = makeTerminal(clock: clock)
        var screens = await ScreenWatch(terminal)
        await terminal.enqueueCardholder(.pays(.unionPayDebit, pins: ["000000"], by: .insert))
        async let answer = terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        try await screens.wait(for: .enterPIN(triesLeft: 2))
        try await clock.waitForSleepers(atLeast: 1)
        clock.advance(by: .seconds(60))
        let payment = try #require(await answer.payment)
        #expect(payment.response.errorCondition == .cancel)
        #expect(payment.response.additionalFields["refusalReason"] == "Shopper timed out")
        try await screens.wait(for: .declined("Timed out"))
        try await screens.wait(for: .idle)
        #expect(await terminal.charged == .zero)
    }

    @Test("the card taken out at the PIN prompt: Cancel, Card removed")
    func cardRemovedDuringPIN() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        async let answer = terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        try await screens.wait(for: .presentCard(amount: .yuan(380)))
        #expect(await terminal.removeCard() == false, "no card in the slot yet")
        await terminal.present(.unionPayDebit, by: .insert)
        try await screens.wait(for: .enterPIN(triesLeft: 3))
        #expect(await terminal.removeCard())
        let payment = try #require(await answer.payment)
        #expect(payment.response.errorCondition == .cancel)
        #expect(payment.response.additionalFields["message"] == "Card removed")
        try await screens.wait(for: .declined("Card removed"))
        #expect(await terminal.screen == .declined("Card removed"))
        #expect(await terminal.transactions.map(\.state) == [.declined("Card removed")])
    }

    // MARK: Busy

    @Test("a second payment while one runs is answered Busy and the first goes on; an injected busy answers the next one")
    func busy() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        async let first = terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        try await screens.wait(for: .presentCard(amount: .yuan(380)))

        let second = try #require(await terminal.handle(Send.payment(.yuan(100), serviceID: "S2")).payment)
        #expect(second.response.result == .failure && second.response.errorCondition == .busy)
        #expect(second.saleData?.saleTransactionID.transactionID == "K-S2")
        #expect(await terminal.handle(Send.status(of: "S2")).status?.response.errorCondition == .notFound)
        #expect(await terminal.handle(Send.status(of: "S1")).status?.response.isInProgress == true)
        #expect(await terminal.handle(Send.reconciliation(serviceID: "R1")).reconciliation?.response.errorCondition == .busy)
        guard case .diagnosis(let diagnosis)? = await terminal.handle(Send.diagnosis()).response?.body else { Issue.record("no diagnosis"); return }
        #expect(diagnosis.poiStatus?.globalStatus == "Busy")

        await terminal.present(.unionPayDebit)
        await terminal.enterPIN("123456")
        #expect(await first.payment?.response.result == .success)

        await terminal.inject(.busy)
        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        #expect(await terminal.handle(Send.payment(.yuan(100), serviceID: "S3")).payment?.response.errorCondition == .busy)
        #expect(await terminal.handle(Send.payment(.yuan(100), serviceID: "S4")).payment?.response.result == .success)
        #expect(await terminal.charged == .yuan(480))
        #expect(await terminal.transactions.map(\.serviceID) == ["S1", "S4"])
    }

    // MARK: Lost answers

    @Test("the answer is lost after the approval: the card is charged once, and TransactionStatus finds the approval")
    func answerLostAfterApproval() async throws {
        let terminal = makeTerminal()
        await terminal.inject(.answerLostAfterApproval)
        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        #expect(await terminal.handle(Send.payment(.yuan(380), serviceID: "S1", transactionID: "K-LOST")) == .dropped)
        #expect(await terminal.charged == .yuan(380))
        let ledger = await terminal.transactions
        #expect(ledger.count == 1 && ledger.first?.saleTransactionID == "K-LOST" && ledger.first?.state == .approved)

        let answer = await terminal.handle(Send.status(of: "S1"))
        #expect(answer.response?.header.messageCategory == .transactionStatus)
        let status = try #require(answer.status)
        #expect(status.response.result == .success)
        #expect(status.messageReference == NexoMessageReference(messageCategory: .payment, saleID: saleID, serviceID: "S1"))
        let repeated = try #require(status.repeatedMessageResponse)
        #expect(repeated.messageHeader == NexoMessageHeader(messageCategory: .payment, messageType: .response, serviceID: "S1", saleID: saleID, poiID: poiID))
        let payment = try #require(repeated.repeatedResponseMessageBody.paymentResponse)
        #expect(payment.response.result == .success)
        #expect(payment.saleData?.saleTransactionID.transactionID == "K-LOST")
        #expect(payment.poiData?.poiTransactionID == ledger.first?.poiTransactionID)
        #expect(payment.paymentResult?.amountsResp?.authorizedAmount == .yuan(380))
        // Without a MessageReference: the most recent transaction.
        #expect(await terminal.handle(Send.status(of: nil)).status?.repeatedMessageResponse == repeated)
        #expect(try NexoResponse(jsonData: answer.response!.jsonData()) == answer.response)
    }

    @Test("the terminal restarts before authorising: the answer is lost, nothing is charged, TransactionStatus says NotFound")
    func restartMidTransaction() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        await terminal.inject(.restartMidTransaction)
        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        #expect(await terminal.handle(Send.payment(.yuan(380), serviceID: "S1")) == .dropped)
        try await screens.wait(for: .authorising)
        try await screens.wait(for: .idle)
        #expect(await terminal.charged == .zero)
        #expect(await terminal.transactions.isEmpty)
        #expect(await terminal.balance(of: .unionPayDebit) == .yuan(5_000))
        let status = try #require(await terminal.handle(Send.status(of: "S1")).status)
        #expect(status.response.result == .failure && status.response.errorCondition == .notFound)

        // Used once: the next payment goes through.
        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        #expect(await terminal.handle(Send.payment(.yuan(380), serviceID: "S2")).payment?.response.result == .success)
    }

    @Test("InProgress: while the payment runs, and for an injected while after it, then the real outcome")
    func inProgress() async throws {
        let clock = TestClock()
        let terminal = makeTerminal(clock: clock)
        await terminal.inject(.answerLostAfterApproval)
        await terminal.inject(.inProgressFor(.seconds(30)))
        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        #expect(await terminal.handle(Send.payment(.yuan(380), serviceID: "S1")) == .dropped)
        #expect(await terminal.pendingFaults.isEmpty)
        #expect(await terminal.charged == .yuan(380))

        let during = try #require(await terminal.handle(Send.status(of: "S1")).status)
        #expect(during.response.result == .failure && during.response.errorCondition == .inProgress)
        clock.advance(by: .seconds(29))
        #expect(await terminal.handle(Send.status(of: "S1")).status?.response.isInProgress == true)
        clock.advance(by: .seconds(1))
        let after = try #require(await terminal.handle(Send.status(of: "S1")).status)
        #expect(after.response.result == .success)
        #expect(after.repeatedMessageResponse?.repeatedResponseMessageBody.paymentResponse?.response.result == .success)
    }

    @Test("a payment never answered still runs: .hang, InProgress, then TransactionStatus finds the approval")
    func neverAnswers() async throws {
        let terminal = makeTerminal()
        await terminal.inject(.neverAnswers)
        #expect(await terminal.handle(Send.payment(.yuan(380), serviceID: "S1")) == .hang)
        #expect(await terminal.screen == .presentCard(amount: .yuan(380)))
        #expect(await terminal.handle(Send.status(of: "S1")).status?.response.isInProgress == true)
        #expect(await terminal.present(.unionPayDebit))
        #expect(await terminal.enterPIN("123456"))
        #expect(await terminal.charged == .yuan(380))
        let status = try #require(await terminal.handle(Send.status(of: "S1")).status)
        #expect(status.repeatedMessageResponse?.repeatedResponseMessageBody.paymentResponse?.response.result == .success)
    }

    @Test("a caller that gives up gets .dropped; the payment goes on and TransactionStatus tells")
    func callerGivesUp() async throws {
        let terminal = makeTerminal()
        var screens = await ScreenWatch(terminal)
        let caller = Task { await terminal.handle(Send.payment(.yuan(380), serviceID: "S1")) }
        try await screens.wait(for: .presentCard(amount: .yuan(380)))
        caller.cancel()
        #expect(await caller.value == .dropped)
        #expect(await terminal.present(.unionPayDebit))
        #expect(await terminal.enterPIN("123456"))
        #expect(await terminal.handle(Send.status(of: "S1")).status?.response.result == .success)
        #expect(await terminal.charged == .yuan(380))
    }

    // MARK: Reversal and reconciliation

    @Test("a reversal gives the money back once; the reconciliation totals debits and reversals since the last one")
    func reversalThenReconciliation() async throws {
        let terminal = makeTerminal()
        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        await terminal.enqueueCardholder(.pays(.socialSecurityCard, by: .tap))
        let first = try #require(await terminal.handle(Send.payment(.yuan(380), serviceID: "S1")).payment)
        _ = await terminal.handle(Send.payment(.yuan(120), serviceID: "S2"))
        #expect(await terminal.charged == .yuan(500))
        let original = try #require(first.poiData?.poiTransactionID)

        let reversal = try #require(await terminal.handle(Send.reversal(of: original, serviceID: "V1")).reversal)
        #expect(reversal.response.result == .success)
        #expect(reversal.reversedAmount == .yuan(380))
        #expect(reversal.poiData?.poiTransactionID.transactionID != original.transactionID)
        #expect(reversal.originalPOITransaction?.poiTransactionID == original)
        #expect(await terminal.balance(of: .unionPayDebit) == .yuan(5_000))
        #expect(await terminal.charged == .yuan(120))
        #expect(await terminal.transactions.map(\.state) == [.reversed, .approved])
        let reversalStatus = try #require(await terminal.handle(Send.status(of: "V1", category: .reversal)).status)
        #expect(reversalStatus.repeatedMessageResponse?.repeatedResponseMessageBody.reversalResponse == reversal)

        let again = try #require(await terminal.handle(Send.reversal(of: original, serviceID: "V2")).reversal)
        #expect(again.response.result == .success, "a repeated reversal (its answer lost) is answered as done")
        #expect(await terminal.balance(of: .unionPayDebit) == .yuan(5_000), "and gives nothing back twice")
        let unknown = NexoTransactionIdentifier(transactionID: "SIMT9999999999.8899999999999999", timeStamp: original.timeStamp)
        #expect(await terminal.handle(Send.reversal(of: unknown, serviceID: "V3")).reversal?.response.errorCondition == .notFound)
        let otherStamp = NexoTransactionIdentifier(transactionID: original.transactionID, timeStamp: "2026-06-15T04:00:01.000+00:00")
        #expect(await terminal.handle(Send.reversal(of: otherStamp, serviceID: "V4")).reversal?.response.errorCondition == .notFound)
        #expect(await terminal.charged == .yuan(120))

        let expected = [NexoTransactionTotals(
            paymentInstrumentType: "Card", cardBrand: "UnionPay", paymentCurrency: "CNY",
            paymentTotals: [
                NexoPaymentTotals(transactionType: "Debit", transactionCount: 2, transactionAmount: .yuan(500)),
                NexoPaymentTotals(transactionType: "ReverseDebit", transactionCount: 1, transactionAmount: .yuan(380)),
            ]
        )]
        let closed = try #require(await terminal.handle(Send.reconciliation(serviceID: "R1")).reconciliation)
        #expect(closed.response.result == .success)
        #expect(closed.poiReconciliationID == "1000")
        #expect(closed.transactionTotals == expected)

        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        let later = try #require(await terminal.handle(Send.payment(.yuan(60), serviceID: "S3")).payment)
        #expect(later.poiData?.poiReconciliationID == "1001")
        let next = try #require(await terminal.handle(Send.reconciliation(serviceID: "R2")).reconciliation)
        #expect(next.poiReconciliationID == "1001")
        #expect(next.transactionTotals == [NexoTransactionTotals(
            paymentInstrumentType: "Card", cardBrand: "UnionPay", paymentCurrency: "CNY",
            paymentTotals: [NexoPaymentTotals(transactionType: "Debit", transactionCount: 1, transactionAmount: .yuan(60))]
        )])
        #expect(try #require(await terminal.handle(Send.reconciliation(serviceID: "R3")).reconciliation).transactionTotals == [])
        let previous = try #require(await terminal.handle(Send.reconciliation(.previousReconciliation, id: "1000", serviceID: "R4")).reconciliation)
        #expect(previous.transactionTotals == expected)
        #expect(await terminal.handle(Send.reconciliation(.previousReconciliation, id: "999", serviceID: "R5")).reconciliation?.response.errorCondition == .notFound)
    }

    @Test("an injected reversal refusal: Failure Refusal, still charged; the next reversal goes through")
    func declinedReversal() async throws {
        let terminal = makeTerminal()
        await terminal.enqueueCardholder(.pays(.unionPayDebit))
        let original = try #require(await terminal.handle(Send.payment(.yuan(380), serviceID: "S1")).payment?.poiData?.poiTransactionID)
        await terminal.inject(.declineReversal)
        let refused = try #require(await terminal.handle(Send.reversal(of: original, serviceID: "V1")).reversal)
        #expect(refused.response.result == .failure && refused.response.errorCondition == .refusal)
        #expect(await terminal.charged == .yuan(380))
        #expect(await terminal.handle(Send.reversal(of: original, serviceID: "V2", amount: .yuan(100))).reversal?.response.errorCondition == .notAllowed)
        #expect(await terminal.handle(Send.reversal(of: original, serviceID: "V3", amount: .yuan(380))).reversal?.response.result == .success)
        #expect(await terminal.charged == .zero)
    }

    // MARK: Login, diagnosis, malformed requests

    @Test("login and diagnosis: OK, the terminal's time, the host reachable, the logged sale system")
    func loginAndDiagnosis() async throws {
        let terminal = makeTerminal()
        guard case .login(let login)? = await terminal.handle(Send.login()).response?.body else { Issue.record("no LoginResponse"); return }
        #expect(login.response.result == .success)
        #expect(login.poiSystemData?.dateTime == NexoTimeStamp.string(from: fixedNow()))
        #expect(login.poiSystemData?.poiStatus?.globalStatus == "OK")
        guard case .diagnosis(let diagnosis)? = await terminal.handle(Send.diagnosis()).response?.body else { Issue.record("no DiagnosisResponse"); return }
        #expect(diagnosis.response.result == .success)
        #expect(diagnosis.poiStatus?.isOK == true)
        #expect(diagnosis.hostStatus == [NexoHostStatus(acquirerID: "0", isReachableFlag: true)])
        #expect(diagnosis.loggedSaleID == [saleID])
    }

    @Test("another terminal's POIID, a reused or invalid ServiceID: MessageFormat, nothing runs")
    func malformed() async throws {
        let terminal = makeTerminal()
        #expect(await terminal.handle(Send.payment(.yuan(1), serviceID: "S1", poi: "OTHER")).payment?.response.errorCondition == .messageFormat)
        #expect(await terminal.handle(Send.payment(.yuan(1), serviceID: "NOT-VALID")).payment?.response.errorCondition == .messageFormat)
        await terminal.enqueueCardholder(.cancels)
        _ = await terminal.handle(Send.payment(.yuan(1), serviceID: "S1"))
        #expect(await terminal.handle(Send.payment(.yuan(1), serviceID: "S1")).payment?.response.errorCondition == .messageFormat)
        #expect(await terminal.transactions.count == 1)
        #expect(await terminal.screen == .declined("Cancelled"))
    }

    // MARK: Personal data

    @Test("no card number or PIN in any description")
    func noPersonalData() async throws {
        let card = SimulatedBankCard.unionPayDebit
        let terminal = makeTerminal()
        await terminal.enqueueCardholder(.pays(card, pins: ["987650", card.pin], by: .insert))
        _ = await terminal.handle(Send.payment(.yuan(380), serviceID: "S1"))
        await terminal.enqueueCardholder(.pays(card, pins: ["987650"], by: .tap))
        var dumped = ""
        dump(card, to: &dumped)
        dump(await terminal.pendingCardholders, to: &dumped)
        let texts = [
            String(describing: card), String(reflecting: card), dumped,
            String(describing: SimulatedCardholder.pays(card, pins: ["987650", card.pin], by: .insert)),
            String(reflecting: SimulatedCardholder.pays(card, pins: ["987650", card.pin], by: .insert)),
            String(describing: await terminal.transactions), String(describing: await terminal.screen),
        ]
        for text in texts {
            #expect(!text.contains(card.pan) && !text.contains("0000000017") && !text.contains(card.pin) && !text.contains("987650"), "\(text)")
        }
    }
}
