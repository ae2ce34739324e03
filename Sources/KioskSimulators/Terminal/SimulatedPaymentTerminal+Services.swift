import Foundation
import KioskCore

/// The requests other than Payment and Abort: TransactionStatus, Reversal, Reconciliation, Login,
/// Diagnosis, Display; and the refusals every request can get.
extension SimulatedPaymentTerminal {
    // MARK: TransactionStatus

    /// The outcome of the Payment (or Reversal) named by `MessageReference` (its SaleID defaults to
    /// the request's), or of the most recent one without a reference: InProgress while it runs (or
    /// while an `.inProgressFor` fault holds it back), NotFound when the terminal does not know it,
    /// otherwise Success with the original response and its header in `RepeatedMessageResponse`.
    func transactionStatus(_ request: NexoTransactionStatusRequest, header: NexoMessageHeader) -> NexoResponse {
        let reference = request.messageReference
        let category = reference?.messageCategory ?? .payment
        func answer(_ body: NexoTransactionStatusResponse) -> NexoResponse {
            NexoResponse(header: header.simulatorResponseHeader, body: .transactionStatus(body))
        }
        func failure(_ condition: NexoErrorCondition, _ message: String) -> NexoResponse {
            answer(NexoTransactionStatusResponse(
                response: NexoResult(result: .failure, errorCondition: condition, additionalResponse: SimulatedAdditionalResponse.encode([("message", message)])),
                messageReference: reference
            ))
        }
        let inProgress = failure(.inProgress, "the transaction is in progress")

        let key: RecordKey?
        if let serviceID = reference?.serviceID {
            let saleID = reference?.saleID ?? header.saleID
            if category == .payment, let running, running.serviceID == serviceID, running.header.saleID == saleID { return inProgress }
            key = RecordKey(category: category, saleID: saleID, serviceID: serviceID)
        } else {
            if running != nil { return inProgress }
            key = latestRecord
        }
        guard let key, let record = records[key] else { return failure(.notFound, "no such transaction") }
        if let reportableAt = record.reportableAt, elapsed() < reportableAt { return inProgress }
        let body: NexoRepeatedResponseMessageBody = switch record.body {
        case .payment(let response): NexoRepeatedResponseMessageBody(paymentResponse: response)
        case .reversal(let response): NexoRepeatedResponseMessageBody(reversalResponse: response)
        }
        return answer(NexoTransactionStatusResponse(
            response: NexoResult(result: .success),
            messageReference: NexoMessageReference(messageCategory: key.category, saleID: key.saleID, serviceID: key.serviceID),
            repeatedMessageResponse: NexoRepeatedMessageResponse(messageHeader: record.header, repeatedResponseMessageBody: body)
        ))
    }

    // MARK: Reversal

    /// Gives back an approved payment, named by its `POITransactionID` exactly as the payment's
    /// response gave it (TransactionID and TimeStamp). Whole amounts only. Kept for
    /// TransactionStatus (category Reversal) whatever the outcome.
    func reverse(_ request: NexoReversalRequest, header: NexoMessageHeader) -> NexoResponse {
        let wrapped = NexoRequest(header: header, body: .reversal(request))
        guard let serviceID = header.serviceID, NexoMessageHeader.isValidServiceID(serviceID) else {
            return failureResponse(to: wrapped, .messageFormat, message: "ServiceID must be 1 to 10 letters and digits")!
        }
        let key = RecordKey(category: .reversal, saleID: header.saleID, serviceID: serviceID)
        guard records[key] == nil else {
            return failureResponse(to: wrapped, .messageFormat, message: "ServiceID \(serviceID) was used already")!
        }
        let response = reversalResponse(request)
        records[key] = Record(header: header.simulatorResponseHeader, body: .reversal(response), reportableAt: nil)
        latestRecord = key
        return NexoResponse(header: header.simulatorResponseHeader, body: .reversal(response))
    }

    private func reversalResponse(_ request: NexoReversalRequest) -> NexoReversalResponse {
        let original = request.originalPOITransaction
        func failure(_ condition: NexoErrorCondition, _ fields: [(String, String)]) -> NexoReversalResponse {
            NexoReversalResponse(
                response: NexoResult(result: .failure, errorCondition: condition, additionalResponse: SimulatedAdditionalResponse.encode(fields)),
                originalPOITransaction: original
            )
        }
        guard let index = transactions.firstIndex(where: { $0.poiTransactionID == original.poiTransactionID }) else {
            return failure(.notFound, [("message", "no transaction with this POITransactionID")])
        }
        let transaction = transactions[index]
        switch transaction.state {
        case .approved: break
        case .reversed:
            // A repeated reversal (its first answer was lost) is answered as done, moving nothing again.
            return NexoReversalResponse(
                response: NexoResult(result: .success, additionalResponse: SimulatedAdditionalResponse.encode([("message", "reversed already"), ("tid", tid)])),
                originalPOITransaction: original, reversedAmount: transaction.amount
            )
        case .declined: return failure(.notAllowed, [("message", "the transaction was not approved")])
        }
        if let amount = request.reversedAmount, amount != transaction.amount {
            return failure(.notAllowed, [("message", "this simulator reverses whole amounts only")])
        }
        if let fault = pendingFaults.firstIndex(of: .declineReversal) {
            pendingFaults.remove(at: fault)
            return failure(.refusal, [("refusalReason", "Refused"), ("tid", tid)])
        }

        transactions[index].state = .reversed
        let detail = transactionDetails[transaction.poiTransactionID.transactionID]
        if let detail {
            balances[detail.pan] = (balances[detail.pan] ?? .zero) + transaction.amount
        }
        movements.append(Movement(
            kind: .reverseDebit, amount: transaction.amount, brand: detail?.brand ?? "", currency: detail?.currency ?? "CNY"
        ))
        let issued = references.next()
        return NexoReversalResponse(
            response: NexoResult(result: .success, additionalResponse: SimulatedAdditionalResponse.encode([
                ("pspReference", issued.pspReference), ("tid", tid), ("transactionType", "GOODS_SERVICES"),
            ])),
            poiData: NexoPOIData(
                poiTransactionID: NexoTransactionIdentifier(transactionID: issued.poiTransactionID, timeStamp: timeStamp(now())),
                poiReconciliationID: String(reconciliationPeriod)
            ),
            originalPOITransaction: original,
            reversedAmount: transaction.amount
        )
    }

    // MARK: Reconciliation

    /// SaleReconciliation closes the open period and answers its totals (per brand and currency:
    /// `Debit` for the payments approved in it, `ReverseDebit` for the reversals made in it; none
    /// when there were none) under its `POIReconciliationID` (1000, 1001…); payments then belong to
    /// the next. PreviousReconciliation answers a closed period's totals again (NotFound for an
    /// unknown ID). The acquirer types answer NotAllowed.
    func reconcile(_ request: NexoReconciliationRequest, header: NexoMessageHeader) -> NexoResponse {
        let body: NexoReconciliationResponse
        switch request.reconciliationType {
        case .saleReconciliation:
            let id = String(reconciliationPeriod)
            let totals = Self.totals(of: movements)
            closedPeriods[id] = totals
            reconciliationPeriod += 1
            movements.removeAll()
            body = NexoReconciliationResponse(
                response: NexoResult(result: .success), reconciliationType: .saleReconciliation, poiReconciliationID: id, transactionTotals: totals
            )
        case .previousReconciliation:
            if let id = request.poiReconciliationID, let totals = closedPeriods[id] {
                body = NexoReconciliationResponse(
                    response: NexoResult(result: .success), reconciliationType: .previousReconciliation, poiReconciliationID: id,
                    transactionTotals: totals
                )
            } else {
                body = NexoReconciliationResponse(
                    response: NexoResult(result: .failure, errorCondition: .notFound, additionalResponse: "message=no%20such%20reconciliation"),
                    reconciliationType: .previousReconciliation, poiReconciliationID: request.poiReconciliationID
                )
            }
        case .acquirerSynchronisation, .acquirerReconciliation:
            body = NexoReconciliationResponse(
                response: NexoResult(result: .failure, errorCondition: .notAllowed, additionalResponse: "message=not%20supported"),
                reconciliationType: request.reconciliationType
            )
        }
        return NexoResponse(header: header.simulatorResponseHeader, body: .reconciliation(body))
    }

    static func totals(of movements: [Movement]) -> [NexoTransactionTotals] {
        var groups: [(brand: String, currency: String)] = []
        for movement in movements where !groups.contains(where: { $0.brand == movement.brand && $0.currency == movement.currency }) {
            groups.append((movement.brand, movement.currency))
        }
        return groups.map { group in
            let inGroup = movements.filter { $0.brand == group.brand && $0.currency == group.currency }
            let paymentTotals: [NexoPaymentTotals] = [Movement.Kind.debit, .reverseDebit].compactMap { kind in
                let ofKind = inGroup.filter { $0.kind == kind }
                guard !ofKind.isEmpty else { return nil }
                return NexoPaymentTotals(
                    transactionType: kind.rawValue, transactionCount: ofKind.count,
                    transactionAmount: ofKind.reduce(Money.zero) { $0 + $1.amount }
                )
            }
            return NexoTransactionTotals(
                paymentInstrumentType: "Card", cardBrand: group.brand.isEmpty ? nil : group.brand, paymentCurrency: group.currency,
                paymentTotals: paymentTotals
            )
        }
    }

    // MARK: Login, Diagnosis, Display

    func logIn(_ request: NexoLoginRequest, header: NexoMessageHeader) -> NexoResponse {
        if !loggedSaleIDs.contains(header.saleID) { loggedSaleIDs.append(header.saleID) }
        return NexoResponse(header: header.simulatorResponseHeader, body: .login(NexoLoginResponse(
            response: NexoResult(result: .success),
            poiSystemData: NexoPOISystemData(
                dateTime: timeStamp(now()),
                poiSoftware: NexoPOISoftware(
                    manufacturerID: "kioskd", applicationName: "SimulatedPaymentTerminal", softwareVersion: KioskVersion.current, certificationCode: ""
                ),
                poiStatus: poiStatus()
            )
        )))
    }

    /// Answered while a payment runs (`GlobalStatus` Busy then). `HostStatus` (acquirer "0",
    /// reachable) when `HostDiagnosisFlag` is true.
    func diagnose(_ request: NexoDiagnosisRequest, header: NexoMessageHeader) -> NexoResponse {
        NexoResponse(header: header.simulatorResponseHeader, body: .diagnosis(NexoDiagnosisResponse(
            response: NexoResult(result: .success, additionalResponse: SimulatedAdditionalResponse.encode([
                ("firmwareVersion", "kioskd-simulator " + KioskVersion.current), ("unconfirmedBatchCount", "0"),
            ])),
            poiStatus: poiStatus(),
            hostStatus: request.hostDiagnosisFlag == true ? [NexoHostStatus(acquirerID: "0", isReachableFlag: true)] : nil,
            loggedSaleID: loggedSaleIDs.isEmpty ? nil : loggedSaleIDs
        )))
    }

    private func poiStatus() -> NexoPOIStatus {
        NexoPOIStatus(globalStatus: running == nil ? "OK" : "Busy", communicationOKFlag: true, pedOKFlag: true, cardReaderOKFlag: true)
    }

    /// Success for each output (the pad shows nothing of it).
    func show(_ request: NexoDisplayRequest, header: NexoMessageHeader) -> NexoResponse {
        NexoResponse(header: header.simulatorResponseHeader, body: .display(NexoDisplayResponse(
            outputResult: request.displayOutput.map { NexoOutputResult(device: $0.device, infoQualify: $0.infoQualify, response: NexoResult(result: .success)) }
        )))
    }

    // MARK: Refusals

    /// `request` refused with `condition`; `.empty` for an Abort (which has no response).
    func refusal(of request: NexoRequest, _ condition: NexoErrorCondition, message: String) -> SimulatedTerminalAnswer {
        failureResponse(to: request, condition, message: message).map(SimulatedTerminalAnswer.response) ?? .empty
    }

    /// The response of `request`'s category saying `Result` Failure with `condition`; nil for an
    /// Abort. A Payment's echoes its `SaleTransactionID`.
    func failureResponse(to request: NexoRequest, _ condition: NexoErrorCondition, message: String) -> NexoResponse? {
        let result = NexoResult(result: .failure, errorCondition: condition, additionalResponse: SimulatedAdditionalResponse.encode([("message", message)]))
        let body: NexoResponse.Body
        switch request.body {
        case .payment(let payment):
            body = .payment(NexoPaymentResponse(response: result, saleData: NexoSaleData(saleTransactionID: payment.saleData.saleTransactionID)))
        case .transactionStatus(let status):
            body = .transactionStatus(NexoTransactionStatusResponse(response: result, messageReference: status.messageReference))
        case .reversal(let reversal):
            body = .reversal(NexoReversalResponse(response: result, originalPOITransaction: reversal.originalPOITransaction))
        case .login:
            body = .login(NexoLoginResponse(response: result))
        case .reconciliation(let reconciliation):
            body = .reconciliation(NexoReconciliationResponse(response: result, reconciliationType: reconciliation.reconciliationType))
        case .diagnosis:
            body = .diagnosis(NexoDiagnosisResponse(response: result))
        case .display(let display):
            body = .display(NexoDisplayResponse(outputResult: display.displayOutput.map {
                NexoOutputResult(device: $0.device, infoQualify: $0.infoQualify, response: result)
            }))
        case .abort:
            return nil
        }
        return NexoResponse(header: request.header.simulatorResponseHeader, body: body)
    }
}
