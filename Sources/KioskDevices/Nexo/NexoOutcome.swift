import KioskCore

/// What nexo answers mean for the kiosk. Every Result/ErrorCondition is decided here, once:
/// - a decline (nothing charged) is a `CardRefusal`;
/// - a refusal of the request itself (nothing done) is `terminal.busy` / `terminal.refused`;
/// - anything this table does not know is an unknown outcome (`terminal.no_answer`): the payment is
///   then asked about with TransactionStatus, never assumed declined.
///
/// Sources: nexo Retailer `ErrorCondition`; Adyen, "Refusal reasons",
/// https://docs.adyen.com/development-resources/refusal-reasons/ , and "Response handling",
/// https://docs.adyen.com/point-of-sale/handle-unsuccessful-transactions/ .
enum NexoOutcome {
    static func payment(_ response: NexoPaymentResponse, transactionID: String) throws(KioskError) -> TerminalOutcome {
        if let echoed = response.saleData?.saleTransactionID.transactionID, echoed != transactionID {
            throw KioskError(.terminalMalformed, "the terminal's PaymentResponse is for another sale transaction")
        }
        let result = response.response
        switch result.result {
        case .success, .partial:
            return .approved(try approval(response))
        case .failure:
            return .declined(try refusal(result))
        }
    }

    static func approval(_ response: NexoPaymentResponse) throws(KioskError) -> CardApproval {
        guard let poi = response.poiData?.poiTransactionID else {
            throw KioskError(.terminalMalformed, "the terminal approved the payment without a POITransactionID")
        }
        guard let amount = response.paymentResult?.amountsResp?.authorizedAmount else {
            throw KioskError(.terminalMalformed, "the terminal approved the payment without an AuthorizedAmount")
        }
        if let currency = response.paymentResult?.amountsResp?.currency, currency != "CNY" {
            throw KioskError(.terminalMalformed, "the terminal approved the payment in \(currency), not CNY")
        }
        let acquirer = response.paymentResult?.paymentAcquirerData
        let fields = response.response.additionalFields
        return CardApproval(
            terminalTransactionID: poi.transactionID, terminalTimeStamp: poi.timeStamp,
            maskedPAN: CardApproval.masked(response.paymentResult?.paymentInstrumentData?.cardData?.maskedPan ?? ""),
            authCode: acquirer?.approvalCode ?? fields["authCode"],
            acquirerReference: acquirer?.acquirerTransactionID?.transactionID ?? fields["pspReference"],
            brand: response.paymentResult?.paymentInstrumentData?.cardData?.paymentBrand, amount: amount
        )
    }

    /// A Payment's failure: what the cardholder is told, or a refusal of the request itself.
    static func refusal(_ result: NexoResult) throws(KioskError) -> CardRefusal {
        let reason = (result.additionalFields["refusalReason"] ?? "").lowercased()
        switch result.errorCondition {
        case .wrongPIN?: return .wrongPIN
        case .aborted?: return .cancelled
        case .cancel?: return reason.contains("timed out") || reason.contains("timeout") ? .timedOut : .cancelled
        case .invalidCard?, .paymentRestriction?: return .cardNotAccepted
        case .refusal?: return refusal(reason: reason)
        case .busy?: throw KioskError(.terminalBusy, "the terminal is busy with another transaction")
        case .loggedOut?, .messageFormat?, .notAllowed?, .deviceOut?, .unavailableDevice?, .unavailableService?, .unreachableHost?:
            throw KioskError(.terminalRefused, "the terminal refused the payment: \(result)")
        case .inProgress?, .notFound?, .insertedCard?, nil:
            throw KioskError(.terminalNoAnswer, "the terminal's PaymentResponse failed without a known outcome: \(result)")
        case let other?:
            if !other.isKnown {
                throw KioskError(.terminalNoAnswer, "the terminal's PaymentResponse failed with an unknown condition: \(result)")
            }
            throw KioskError(.terminalNoAnswer, "the terminal's PaymentResponse failed: \(result)")
        }
    }

    /// Adyen's `refusalReason` for ErrorCondition Refusal.
    static func refusal(reason: String) -> CardRefusal {
        if reason.contains("balance") || reason.contains("insufficient") { return .insufficientFunds }
        if reason.contains("expired") { return .cardExpired }
        if reason.contains("blocked") || reason.contains("lost") || reason.contains("stolen") || reason.contains("restricted") { return .cardBlocked }
        if reason.contains("pin") { return .wrongPIN }
        if reason.contains("not supported") || reason.contains("invalid card") { return .cardNotAccepted }
        return .refused
    }

    static func status(_ response: NexoTransactionStatusResponse, transactionID: String) throws(KioskError) -> TerminalStatus {
        let result = response.response
        switch (result.result, result.errorCondition) {
        case (.success, _), (.partial, _):
            guard let payment = response.repeatedMessageResponse?.repeatedResponseMessageBody.paymentResponse else {
                throw KioskError(.terminalMalformed, "the terminal's TransactionStatus found the payment but did not repeat its PaymentResponse")
            }
            if payment.response.isInProgress { return .inProgress }
            return .finished(try Self.payment(payment, transactionID: transactionID))
        case (.failure, .inProgress?):
            return .inProgress
        case (.failure, .notFound?):
            return .notFound
        case (.failure, .busy?):
            throw KioskError(.terminalBusy, "the terminal is busy: TransactionStatus not answered")
        case (.failure, _):
            throw KioskError(.terminalRefused, "the terminal refused the TransactionStatus: \(result)")
        }
    }

    static func reversal(_ response: NexoReversalResponse) throws(KioskError) -> TerminalReversal {
        let result = response.response
        switch (result.result, result.errorCondition) {
        case (.success, _): return .reversed
        case (.failure, .notFound?): return .nothingToReverse
        case (.failure, .busy?): throw KioskError(.terminalBusy, "the terminal is busy: the reversal was not made")
        default: throw KioskError(.terminalRefused, "the terminal refused the reversal: \(result)")
        }
    }

    static func settlement(_ response: NexoReconciliationResponse) throws(KioskError) -> TerminalSettlement {
        try requireSuccess(response.response, "Reconciliation")
        let totals = (response.transactionTotals ?? []).flatMap { $0.paymentTotals ?? [] }
        let debits = totals.filter { $0.transactionType == "Debit" }
        let reversals = totals.filter { $0.transactionType == "ReverseDebit" }
        let total = debits.reduce(Money.zero) { $0 + $1.transactionAmount } - reversals.reduce(Money.zero) { $0 + $1.transactionAmount }
        return TerminalSettlement(reconciliationID: response.poiReconciliationID ?? "", transactionCount: debits.reduce(0) { $0 + $1.transactionCount },
                                  total: total)
    }

    static func requireSuccess(_ result: NexoResult, _ what: String) throws(KioskError) {
        guard result.result == .failure else { return }
        if result.errorCondition == .busy { throw KioskError(.terminalBusy, "the terminal is busy: \(what) not answered") }
        throw KioskError(.terminalRefused, "the terminal refused the \(what): \(result)")
    }
}
