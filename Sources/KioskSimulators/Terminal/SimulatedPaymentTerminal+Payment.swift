import Foundation
import KioskCore

/// The Payment: from the request to the answer, through the cardholder, the timers and the faults.
extension SimulatedPaymentTerminal {
    /// The merchant account the simulated acquirer reports.
    static let merchantID = "KioskSimulatorMerchant"

    func pay(_ payment: NexoPaymentRequest, header: NexoMessageHeader) async -> SimulatedTerminalAnswer {
        let request = NexoRequest(header: header, body: .payment(payment))
        guard running == nil else { return refusal(of: request, .busy, message: "another payment is in progress") }
        if let index = pendingFaults.firstIndex(of: .busy) {
            pendingFaults.remove(at: index)
            return refusal(of: request, .busy, message: "the terminal is busy")
        }
        guard let serviceID = header.serviceID, NexoMessageHeader.isValidServiceID(serviceID) else {
            return refusal(of: request, .messageFormat, message: "ServiceID must be 1 to 10 letters and digits")
        }
        guard records[RecordKey(category: .payment, saleID: header.saleID, serviceID: serviceID)] == nil else {
            return refusal(of: request, .messageFormat, message: "ServiceID \(serviceID) was used already")
        }
        let amounts = payment.paymentTransaction.amountsReq
        guard amounts.requestedAmount > .zero else {
            return refusal(of: request, .messageFormat, message: "RequestedAmount must be more than zero")
        }

        let faults = takePaymentFaults()
        let issued = references.next()
        nextPaymentID += 1
        let id = nextPaymentID
        let script = pendingCardholders.isEmpty ? nil : pendingCardholders.removeFirst()
        let answersCaller = !faults.contains(.neverAnswers)
        running = RunningPayment(
            id: id, header: header, serviceID: serviceID, saleTransactionID: payment.saleData.saleTransactionID,
            amount: amounts.requestedAmount, currency: amounts.currency, issued: issued,
            poiTransactionID: NexoTransactionIdentifier(transactionID: issued.poiTransactionID, timeStamp: timeStamp(now())),
            faults: faults, scripted: script != nil, triesLeft: pinTries, answersCaller: answersCaller
        )
        cardLeftInSlot = false
        setScreen(.presentCard(amount: amounts.requestedAmount))
        armTimer(cardPresentationTimeout, paymentID: id)

        guard answersCaller else {
            if let script { play(script) }
            return .hang
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<SimulatedTerminalAnswer, Never>) in
                wait(continuation, paymentID: id, script: script)
            }
        } onCancel: {
            Task { await self.callerGaveUp(paymentID: id) }
        }
    }

    /// Registers the caller of payment `id`, then plays its script.
    private func wait(_ continuation: CheckedContinuation<SimulatedTerminalAnswer, Never>, paymentID id: Int, script: SimulatedCardholder?) {
        if let answer = earlyAnswers.removeValue(forKey: id) {
            continuation.resume(returning: answer)
            return
        }
        guard running?.id == id else {
            continuation.resume(returning: .dropped)
            return
        }
        running?.continuation = continuation
        if let script { play(script) }
    }

    /// The caller of payment `id` stopped waiting: it gets `.dropped`, the payment goes on.
    private func callerGaveUp(paymentID id: Int) {
        earlyAnswers[id] = nil
        guard var payment = running, payment.id == id else { return }
        let continuation = payment.continuation
        payment.continuation = nil
        payment.answersCaller = false
        running = payment
        continuation?.resume(returning: .dropped)
    }

    /// `.busy` aside, one pending fault of each kind.
    private func takePaymentFaults() -> [SimulatedTerminalFault] {
        var taken: [SimulatedTerminalFault] = []
        var kept: [SimulatedTerminalFault] = []
        var kinds: Set<String> = []
        for fault in pendingFaults {
            if fault.isPaymentFault, fault != .busy, kinds.insert(fault.kind).inserted {
                taken.append(fault)
            } else {
                kept.append(fault)
            }
        }
        pendingFaults = kept
        return taken
    }

    /// Plays a scripted cardholder on the running payment.
    private func play(_ script: SimulatedCardholder) {
        guard let id = running?.id else { return }
        switch script {
        case .pays(let card, let pins, let entry):
            guard present(card, by: entry) else { return }
            for pin in pins {
                guard running?.id == id else { break }
                enterPIN(pin)
            }
        case .walksAway:
            break
        case .cancels:
            cancelAtPINPad()
        }
    }

    /// An AbortRequest: ends the running payment Aborted if the request names it.
    func abortPayment(_ abort: NexoAbortRequest, header: NexoMessageHeader) {
        guard let payment = running else { return }
        let reference = abort.messageReference
        guard reference.messageCategory == nil || reference.messageCategory == .payment,
              reference.serviceID == payment.serviceID,
              (reference.saleID ?? header.saleID) == payment.header.saleID
        else { return }
        finish(.declined(.aborted))
    }

    /// The PIN was right: the terminal restarts (fault), or the acquirer decides.
    func authorise() {
        guard let payment = running, let card = payment.card else { return }
        setScreen(.authorising)
        if payment.has(.restartMidTransaction) {
            restart()
            return
        }
        let balance = balances[card.pan] ?? card.balance
        if card.isBlocked {
            finish(.declined(.blockedCard))
        } else if isExpired(card) {
            finish(.declined(.expiredCard))
        } else if balance < payment.amount {
            finish(.declined(.notEnoughBalance))
        } else {
            balances[card.pan] = balance - payment.amount
            finish(.approved)
        }
    }

    /// Whether `card` expired before this month (China Standard Time).
    private func isExpired(_ card: SimulatedBankCard) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let today = calendar.dateComponents([.year, .month], from: now())
        return card.expiry < SimulatedBankCard.Expiry(year: today.year ?? 0, month: today.month ?? 0)
    }

    /// The terminal reboots: the running payment is forgotten, its answer lost.
    private func restart() {
        guard let payment = running else { return }
        cancelTimer()
        running = nil
        cardLeftInSlot = false
        setScreen(.idle)
        deliver(.dropped, for: payment)
    }

    /// Ends the running payment: records it, shows the result, answers.
    func finish(_ ending: SimulatedPaymentEnding) {
        guard let payment = running else { return }
        cancelTimer()
        running = nil
        let response = paymentResponse(payment, ending)
        let responseHeader = payment.header.simulatorResponseHeader

        let key = RecordKey(category: .payment, saleID: payment.header.saleID, serviceID: payment.serviceID)
        var reportableAt: Duration?
        for case .inProgressFor(let delay) in payment.faults { reportableAt = elapsed() + delay }
        records[key] = Record(header: responseHeader, body: .payment(response), reportableAt: reportableAt)
        latestRecord = key

        let state: SimulatedTerminalTransaction.State
        switch ending {
        case .approved: state = .approved
        case .declined(let decline): state = .declined(decline.screenText)
        }
        transactions.append(SimulatedTerminalTransaction(
            saleTransactionID: payment.saleTransactionID.transactionID, serviceID: payment.serviceID,
            poiTransactionID: payment.poiTransactionID, amount: payment.amount, state: state
        ))
        if let card = payment.card {
            transactionDetails[payment.poiTransactionID.transactionID] = TransactionDetail(pan: card.pan, brand: card.brand, currency: payment.currency)
            if ending == .approved {
                movements.append(Movement(kind: .debit, amount: payment.amount, brand: card.brand, currency: payment.currency))
            }
        }

        switch ending {
        case .approved: setScreen(.approved)
        case .declined(let decline): setScreen(.declined(decline.screenText))
        }
        if payment.card != nil, payment.entry == .insert, !payment.cardRemoved {
            setScreen(.removeCard)
            if payment.scripted { setScreen(.idle) } else { cardLeftInSlot = true }
        }

        let lost = payment.has(.answerLost) || (ending == .approved && payment.has(.answerLostAfterApproval))
        deliver(lost ? .dropped : .response(NexoResponse(header: responseHeader, body: .payment(response))), for: payment)
    }

    /// Gives `answer` to the caller of `payment`, now or when it starts waiting.
    private func deliver(_ answer: SimulatedTerminalAnswer, for payment: RunningPayment) {
        if let continuation = payment.continuation {
            continuation.resume(returning: answer)
        } else if payment.answersCaller {
            earlyAnswers[payment.id] = answer
        }
    }

    /// The PaymentResponse of `payment` ending so.
    private func paymentResponse(_ payment: RunningPayment, _ ending: SimulatedPaymentEnding) -> NexoPaymentResponse {
        let saleData = NexoSaleData(saleTransactionID: payment.saleTransactionID)
        let instrument = payment.card.map { card in
            NexoPaymentInstrumentData(
                paymentInstrumentType: "Card",
                cardData: NexoCardData(maskedPan: card.maskedPAN, paymentBrand: card.brand, entryMode: payment.entry.map { [$0.nexoEntryMode] })
            )
        }
        switch ending {
        case .approved:
            let additional = SimulatedAdditionalResponse.encode([
                ("pspReference", payment.issued.pspReference), ("tid", tid), ("transactionType", "GOODS_SERVICES"),
                ("posAuthAmountValue", String(payment.amount.fen)), ("posAuthAmountCurrency", payment.currency),
                ("authCode", payment.issued.approvalCode),
            ])
            return NexoPaymentResponse(
                response: NexoResult(result: .success, additionalResponse: additional),
                saleData: saleData,
                poiData: NexoPOIData(poiTransactionID: payment.poiTransactionID, poiReconciliationID: String(reconciliationPeriod)),
                paymentResult: NexoPaymentResult(
                    paymentInstrumentData: instrument,
                    amountsResp: NexoAmountsResp(currency: payment.currency, authorizedAmount: payment.amount),
                    paymentAcquirerData: NexoPaymentAcquirerData(
                        acquirerTransactionID: NexoTransactionIdentifier(
                            transactionID: payment.issued.pspReference, timeStamp: payment.poiTransactionID.timeStamp
                        ),
                        approvalCode: payment.issued.approvalCode, merchantID: Self.merchantID, acquirerPOIID: poiID
                    ),
                    onlineFlag: true
                )
            )
        case .declined(let decline):
            var fields: [(String, String)] = []
            if let reason = decline.refusalReason { fields.append(("refusalReason", reason)) }
            if let message = decline.message { fields.append(("message", message)) }
            if decline.reachedAcquirer { fields.append(("pspReference", payment.issued.pspReference)) }
            fields += [("tid", tid), ("transactionType", "GOODS_SERVICES")]
            return NexoPaymentResponse(
                response: NexoResult(result: .failure, errorCondition: decline.condition, additionalResponse: SimulatedAdditionalResponse.encode(fields)),
                saleData: saleData,
                poiData: NexoPOIData(poiTransactionID: payment.poiTransactionID),
                paymentResult: instrument.map { NexoPaymentResult(paymentInstrumentData: $0, onlineFlag: decline.reachedAcquirer) }
            )
        }
    }

    // MARK: Timers

    /// Ends payment `paymentID` as timed out after `duration` on the clock, unless re-armed or
    /// cancelled first.
    func armTimer(_ duration: Duration, paymentID: Int) {
        timer?.cancel()
        timerGeneration += 1
        let generation = timerGeneration
        let clock = clock
        timer = Task { [weak self] in
            do {
                try await clock.sleep(for: duration)
            } catch {
                return
            }
            await self?.timerFired(generation: generation, paymentID: paymentID)
        }
    }

    func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerGeneration += 1
    }

    private func timerFired(generation: Int, paymentID: Int) {
        guard generation == timerGeneration, running?.id == paymentID else { return }
        finish(.declined(.timedOut))
    }
}
