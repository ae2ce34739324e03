import Foundation
import Testing
@testable import KioskCore

/// The nexo messages against Adyen's published examples: every fixture is decoded, written again,
/// and compared with the original as JSON values (numbers as `Decimal`). A request must come back
/// identical; a response must come back as a subset of the original (the kiosk keeps only the fields
/// it needs, e.g. not `PaymentReceipt`), with targeted expectations on what it keeps.
@Suite("nexo messages against Adyen's published examples")
struct NexoMessageFixtureTests {
    // MARK: - Payment

    @Test("payment request with SaleToAcquirerData (docs: pass additional data)")
    func paymentRequestKeyValue() throws {
        let request = try roundTripRequest(NexoFixtures.paymentRequestKeyValue)
        #expect(request.header.messageCategory == .payment)
        #expect(request.header.messageClass == .service)
        #expect(request.header.serviceID == "811")
        guard case .payment(let payment) = request.body else {
            Issue.record("not a payment: \(request.body.key)")
            return
        }
        #expect(payment.paymentTransaction.amountsReq.requestedAmount == Money(fen: 1099))
        #expect(payment.paymentTransaction.amountsReq.currency == "EUR")
        #expect(payment.saleData.saleTransactionID == NexoTransactionIdentifier(transactionID: "27908", timeStamp: "2023-01-24T11:56:38.471Z"))
        #expect(payment.saleData.saleToAcquirerData?.hasPrefix("metadata.employeeNumber=1&") == true)
    }

    @Test("payment request with ForceEntryMode and 17.50 (docs: enter payment manually)")
    func paymentRequestManualKeyed() throws {
        let request = try roundTripRequest(NexoFixtures.paymentRequestManualKeyed)
        guard case .payment(let payment) = request.body else {
            Issue.record("not a payment: \(request.body.key)")
            return
        }
        #expect(payment.paymentTransaction.amountsReq.requestedAmount == Money(fen: 1750))
        #expect(payment.paymentTransaction.transactionConditions?.forceEntryMode == ["Keyed"])
        #expect(payment.saleData.saleToAcquirerData == "")
    }

    @Test("approved payment response (Adyen's Java library fixture)")
    func paymentResponseApproved() throws {
        let response = try roundTripResponse(NexoFixtures.paymentResponseApproved)
        #expect(response.header.messageCategory == .payment)
        #expect(response.header.messageType == .response)
        guard case .payment(let payment) = response.body else {
            Issue.record("not a payment: \(response.body.key)")
            return
        }
        #expect(payment.response.result == .success)
        #expect(payment.response.errorCondition == nil)
        #expect(!payment.response.isInProgress)
        #expect(payment.saleData?.saleTransactionID.transactionID == "001")
        #expect(payment.poiData?.poiTransactionID.transactionID == "4r7i001556529591000.8515565295894301")
        #expect(payment.poiData?.poiTransactionID.timeStamp == "2019-04-29T00:00:00.000Z")
        #expect(payment.poiData?.poiReconciliationID == "1000")
        let result = try #require(payment.paymentResult)
        #expect(result.amountsResp?.authorizedAmount == Money(fen: 100))
        #expect(result.amountsResp?.currency == "EUR")
        #expect(result.paymentInstrumentData?.paymentInstrumentType == "Card")
        #expect(result.paymentInstrumentData?.cardData?.maskedPan == "411111 **** 1111")
        #expect(result.paymentInstrumentData?.cardData?.paymentBrand == "mc")
        #expect(result.paymentInstrumentData?.cardData?.entryMode == ["Tapped"])
        #expect(result.paymentAcquirerData?.approvalCode == "123456")
        #expect(result.paymentAcquirerData?.merchantID == "TestMerchant")
        #expect(result.paymentAcquirerData?.acquirerPOIID == "P400Plus-123456789")
        #expect(result.paymentAcquirerData?.acquirerTransactionID?.transactionID == "8515565295894301")
        #expect(result.onlineFlag == true)
        let fields = payment.response.additionalFields
        #expect(fields["pspReference"] == "8515565295894301")
        #expect(fields["tid"] == "75039202")
        #expect(fields["transactionType"] == "GOODS_SERVICES")
        #expect(fields["cardHolderName"] == "N/A")
        #expect(fields["applicationPreferredName"] == "MCC 351 v1 2")
        #expect(fields["iso8601TxDate"] == "2019-04-29T09:19:51.0000000+0000")
        // No card data in descriptions.
        #expect(!String(describing: payment).contains("411111"))
        #expect(!String(describing: payment).contains("N%2fA"))
    }

    @Test("payment cancelled at the terminal (Adyen's .NET library fixture)")
    func paymentResponseCancelled() throws {
        let response = try roundTripResponse(NexoFixtures.paymentResponseCancelled)
        guard case .payment(let payment) = response.body else {
            Issue.record("not a payment: \(response.body.key)")
            return
        }
        #expect(payment.response.result == .failure)
        #expect(payment.response.errorCondition == .cancel)
        // Not URL-encoded: no key=value pairs to read, and nothing invented.
        #expect(payment.response.additionalResponse == "101 Shopper cancelled app selection")
        #expect(payment.response.additionalFields.isEmpty)
        #expect(payment.saleData?.tokenRequestedType == "Customer")
        #expect(payment.paymentResult?.amountsResp == nil)
        #expect(payment.paymentResult?.paymentInstrumentData?.cardData?.entryMode == ["ICC"])
        #expect(payment.paymentResult?.paymentInstrumentData?.cardData?.maskedPan == nil)
        #expect(payment.poiData?.poiReconciliationID == nil)
    }

    // MARK: - TransactionStatus

    @Test("transaction status request (docs: verify transaction status)")
    func transactionStatusRequest() throws {
        let request = try roundTripRequest(NexoFixtures.transactionStatusRequest)
        guard case .transactionStatus(let status) = request.body else {
            Issue.record("not a status request: \(request.body.key)")
            return
        }
        #expect(status.receiptReprintFlag == true)
        #expect(status.documentQualifier == [.cashierReceipt, .customerReceipt])
        #expect(status.messageReference == NexoMessageReference(messageCategory: .payment, saleID: "POSSystemID12345", serviceID: "29235"))
    }

    @Test("transaction status of a payment aborted from the sale system (docs)")
    func transactionStatusAborted() throws {
        let response = try roundTripResponse(NexoFixtures.transactionStatusAborted)
        guard case .transactionStatus(let status) = response.body else {
            Issue.record("not a status response: \(response.body.key)")
            return
        }
        #expect(status.response.result == .success)
        #expect(status.messageReference?.serviceID == "172218")
        let repeated = try #require(status.repeatedMessageResponse)
        #expect(repeated.messageHeader?.messageCategory == .payment)
        #expect(repeated.messageHeader?.serviceID == "172218")
        let payment = try #require(repeated.repeatedResponseMessageBody.paymentResponse)
        #expect(repeated.repeatedResponseMessageBody.reversalResponse == nil)
        #expect(payment.response.result == .failure)
        #expect(payment.response.errorCondition == .aborted)
        #expect(payment.response.additionalFields["refusalReason"] == "104 Merchant cancelled tx")
        #expect(payment.response.additionalFields["batteryLevel"] == "85%")
        #expect(payment.response.additionalFields["posAuthAmountValue"] == "1553")
        #expect(payment.poiData?.poiTransactionID.transactionID == "8ha5001613552257008")
        #expect(payment.saleData?.saleTransactionID.transactionID == "569")
        #expect(payment.paymentResult?.paymentInstrumentData?.cardData == NexoCardData())
        #expect(payment.paymentResult?.paymentAcquirerData?.approvalCode == nil)
    }

    @Test("transaction status in progress is Failure + InProgress (docs)")
    func transactionStatusInProgress() throws {
        let response = try roundTripResponse(NexoFixtures.transactionStatusInProgress)
        guard case .transactionStatus(let status) = response.body else {
            Issue.record("not a status response: \(response.body.key)")
            return
        }
        #expect(status.response.result == .failure)
        #expect(status.response.errorCondition == .inProgress)
        #expect(status.response.isInProgress)
        #expect(status.response.additionalFields == ["message": "Uncompleted transaction"])
        #expect(status.repeatedMessageResponse == nil)
        #expect(response.body.result?.isInProgress == true)
    }

    @Test("transaction status not found (docs; published with a trailing comma)")
    func transactionStatusNotFound() throws {
        let repaired = NexoFixtures.transactionStatusNotFound.replacingOccurrences(of: "ServiceID%3d29235\",", with: "ServiceID%3d29235\"")
        #expect(repaired != NexoFixtures.transactionStatusNotFound)
        let response = try roundTripResponse(repaired)
        guard case .transactionStatus(let status) = response.body else {
            Issue.record("not a status response: \(response.body.key)")
            return
        }
        #expect(status.response.result == .failure)
        #expect(status.response.errorCondition == .notFound)
        #expect(status.response.additionalFields["message"]
            == "Message not found. Category=Payment, last such Request has SaleID=POSSystemID12345 ServiceID=29235")
        // Foundation's JSONDecoder (swift-foundation) tolerates the trailing comma; a strict parser
        // refuses the text, and then the error says so.
        do {
            let verbatim = try NexoResponse(jsonData: Data(NexoFixtures.transactionStatusNotFound.utf8))
            #expect(verbatim == response)
        } catch {
            #expect(error.message.hasPrefix("the terminal's answer is not JSON"))
        }
    }

    @Test("transaction status with a repeated payment and no repeated header (Adyen's .NET library fixture)")
    func transactionStatusWithoutRepeatedHeader() throws {
        let response = try roundTripResponse(NexoFixtures.transactionStatusApprovedDotNet)
        guard case .transactionStatus(let status) = response.body else {
            Issue.record("not a status response: \(response.body.key)")
            return
        }
        let repeated = try #require(status.repeatedMessageResponse)
        #expect(repeated.messageHeader == nil)
        let payment = try #require(repeated.repeatedResponseMessageBody.paymentResponse)
        #expect(payment.response.result == .success)
        #expect(payment.paymentResult?.amountsResp?.authorizedAmount == Money(fen: 7900))
        #expect(payment.paymentResult?.paymentInstrumentData?.cardData?.maskedPan == "679999 **** 9990")
        #expect(payment.paymentResult?.paymentInstrumentData?.cardData?.paymentBrand == "mc")
        #expect(payment.paymentResult?.paymentAcquirerData?.approvalCode == nil)
        #expect(payment.response.additionalFields["pspReference"] == "8815440150351036")
    }

    // MARK: - Abort

    @Test("abort request (docs: cancel a transaction); the terminal's answer is an empty body")
    func abortRequest() throws {
        let request = try roundTripRequest(NexoFixtures.abortRequest)
        guard case .abort(let abort) = request.body else {
            Issue.record("not an abort: \(request.body.key)")
            return
        }
        #expect(abort.abortReason == NexoAbortRequest.merchantAbort)
        #expect(abort.messageReference == NexoMessageReference(messageCategory: .payment, saleID: "POSSystemID12345", serviceID: "21796"))
        do {
            _ = try NexoResponse(jsonData: Data())
            Issue.record("an empty answer was read as a response")
        } catch {
            #expect(error.message.contains("empty"))
        }
    }

    // MARK: - Reversal

    @Test("full reversal request (docs: referenced refund)")
    func reversalRequestFull() throws {
        let request = try roundTripRequest(NexoFixtures.reversalRequestFull)
        guard case .reversal(let reversal) = request.body else {
            Issue.record("not a reversal: \(request.body.key)")
            return
        }
        #expect(reversal.reversalReason == .merchantCancel)
        #expect(reversal.reversedAmount == nil)
        #expect(reversal.originalPOITransaction.poiTransactionID
            == NexoTransactionIdentifier(transactionID: "7JLX001566393198001.851556019495143C", timeStamp: "2019-03-07T10:11:04+00:00"))
        #expect(reversal.saleData == nil)
    }

    @Test("partial reversal request with ReversedAmount 6.00 and SaleData (docs: referenced refund)")
    func reversalRequestPartial() throws {
        let request = try roundTripRequest(NexoFixtures.reversalRequestPartial)
        guard case .reversal(let reversal) = request.body else {
            Issue.record("not a reversal: \(request.body.key)")
            return
        }
        #expect(reversal.reversedAmount == Money(fen: 600))
        #expect(reversal.saleData?.saleToAcquirerData == "currency=EUR")
        #expect(reversal.saleData?.saleTransactionID.transactionID == "27911")
    }

    @Test("reversal response (Adyen's .NET library fixture)")
    func reversalResponse() throws {
        let response = try roundTripResponse(NexoFixtures.reversalResponse)
        guard case .reversal(let reversal) = response.body else {
            Issue.record("not a reversal: \(response.body.key)")
            return
        }
        #expect(reversal.response.result == .success)
        #expect(reversal.poiData?.poiTransactionID.transactionID == "8515661234567890C")
        // The fixture says 10100 (major units): taken as written, 10100.00.
        #expect(reversal.reversedAmount == Money(fen: 1_010_000))
        #expect(reversal.response.additionalFields == ["store": "Store1234", "currency": "EUR"])
    }

    // MARK: - Login

    @Test("login request (docs: log in and log out)")
    func loginRequest() throws {
        let request = try roundTripRequest(NexoFixtures.loginRequest)
        guard case .login(let login) = request.body else {
            Issue.record("not a login: \(request.body.key)")
            return
        }
        #expect(login.dateTime == "2018-04-03T08:50:31+00:00")
        #expect(login.saleSoftware == NexoSaleSoftware(manufacturerID: "Adyen", applicationName: "TestScripts", softwareVersion: "1.0"))
        #expect(login.saleTerminalData?.totalsGroupID == "GroupA")
        #expect(login.operatorLanguage == "en")
        #expect(login.operatorID == "John")
    }

    @Test("login response (built from the docs' field table: the page shows no JSON)")
    func loginResponse() throws {
        let response = try roundTripResponse(NexoFixtures.loginResponseFromTable)
        guard case .login(let login) = response.body else {
            Issue.record("not a login: \(response.body.key)")
            return
        }
        #expect(login.response.result == .success)
        #expect(login.poiSystemData?.poiStatus?.isOK == true)
        #expect(login.poiSystemData?.poiStatus?.communicationOKFlag == true)
        #expect(login.poiSystemData?.poiSoftware?.manufacturerID == "Adyen")
        #expect(login.poiSystemData?.dateTime == "2018-04-03T08:50:31.000Z")
    }

    // MARK: - Reconciliation

    @Test("reconciliation request (docs: reconcile a balance mismatch)")
    func reconciliationRequest() throws {
        let request = try roundTripRequest(NexoFixtures.reconciliationRequest)
        guard case .reconciliation(let reconciliation) = request.body else {
            Issue.record("not a reconciliation: \(request.body.key)")
            return
        }
        #expect(reconciliation.reconciliationType == .saleReconciliation)
        #expect(reconciliation.poiReconciliationID == nil)
    }

    @Test("reconciliation response (built from the docs' field table: the page shows no JSON)")
    func reconciliationResponse() throws {
        let response = try roundTripResponse(NexoFixtures.reconciliationResponseFromTable)
        guard case .reconciliation(let reconciliation) = response.body else {
            Issue.record("not a reconciliation: \(response.body.key)")
            return
        }
        #expect(reconciliation.response.result == .success)
        #expect(reconciliation.reconciliationType == .saleReconciliation)
        #expect(reconciliation.poiReconciliationID == "1007")
        let totals = try #require(reconciliation.transactionTotals?.first)
        #expect(totals.paymentCurrency == "EUR")
        #expect(totals.cardBrand == "mc")
        #expect(totals.paymentTotals == [
            NexoPaymentTotals(transactionType: "Debit", transactionCount: 3, transactionAmount: Money(fen: 3298)),
            NexoPaymentTotals(transactionType: "Credit", transactionCount: 1, transactionAmount: Money(fen: 1099)),
        ])
    }

    // MARK: - Diagnosis

    @Test("diagnosis request (docs: request diagnosis)")
    func diagnosisRequest() throws {
        let request = try roundTripRequest(NexoFixtures.diagnosisRequest)
        guard case .diagnosis(let diagnosis) = request.body else {
            Issue.record("not a diagnosis: \(request.body.key)")
            return
        }
        #expect(diagnosis.hostDiagnosisFlag == true)
    }

    @Test("diagnosis response with AcquirerID as a string (docs: request diagnosis)")
    func diagnosisResponse() throws {
        let response = try roundTripResponse(NexoFixtures.diagnosisResponse)
        guard case .diagnosis(let diagnosis) = response.body else {
            Issue.record("not a diagnosis: \(response.body.key)")
            return
        }
        #expect(diagnosis.response.result == .success)
        #expect(diagnosis.poiStatus == NexoPOIStatus(globalStatus: "OK", communicationOKFlag: true, printerStatus: "OK"))
        #expect(diagnosis.hostStatus == [NexoHostStatus(acquirerID: "0", isReachableFlag: true)])
        #expect(diagnosis.response.additionalFields["batteryLevel"] == "100%")
        #expect(diagnosis.response.additionalFields["unconfirmedBatchCount"] == "0")
        #expect(diagnosis.response.additionalFields["networkProfile"]?.hasSuffix("=") == true)
    }

    // MARK: - Display

    @Test("display request with a predefined screen (docs: idle display)")
    func displayRequest() throws {
        let request = try roundTripRequest(NexoFixtures.displayRequest)
        #expect(request.header.messageClass == .device)
        guard case .display(let display) = request.body else {
            Issue.record("not a display: \(request.body.key)")
            return
        }
        #expect(display.displayOutput == [
            NexoDisplayOutput(
                device: .customerDisplay, infoQualify: .display,
                outputContent: NexoOutputContent(outputFormat: .messageRef, predefinedContent: NexoPredefinedContent(referenceID: "Idle"))
            ),
        ])
    }

    @Test("display response with OutputResult (Adyen's .NET library fixture)")
    func displayResponse() throws {
        let response = try roundTripResponse(NexoFixtures.displayResponse)
        #expect(response.header.messageClass == .device)
        guard case .display(let display) = response.body else {
            Issue.record("not a display: \(response.body.key)")
            return
        }
        #expect(display.outputResult == [NexoOutputResult(device: .customerDisplay, infoQualify: .display, response: NexoResult(result: .success))])
        #expect(response.body.result?.result == .success)
    }

    // MARK: - Failures, edge cases and what the terminal may send besides the docs

    @Test("a refusal keeps refusalReason from AdditionalResponse (constructed after the refusal-reasons page)")
    func refusal() throws {
        let response = try NexoResponse(jsonData: Data(NexoFixtures.refusalConstructed.utf8))
        guard case .payment(let payment) = response.body else {
            Issue.record("not a payment: \(response.body.key)")
            return
        }
        #expect(payment.response.result == .failure)
        #expect(payment.response.errorCondition == .refusal)
        #expect(payment.response.errorCondition?.isKnown == true)
        #expect(payment.response.additionalFields["refusalReason"] == "Not enough balance")
        #expect(payment.response.additionalFields["message"] == "NOT_ENOUGH_BALANCE")
        #expect(payment.response.additionalFields["pspReference"] == "881234567890123A")
        #expect(payment.paymentResult?.amountsResp?.authorizedAmount == Money.zero)
        #expect(payment.response.description == "Response(Failure, Refusal, AdditionalResponse: 93 bytes)")
    }

    @Test("WrongPIN (constructed after the refusal-reasons page)")
    func wrongPIN() throws {
        let json = NexoFixtures.refusalConstructed
            .replacingOccurrences(of: "\"Refusal\"", with: "\"WrongPIN\"")
            .replacingOccurrences(of: "Not%20enough%20balance", with: "Invalid%20Pin")
            .replacingOccurrences(of: "NOT_ENOUGH_BALANCE", with: "INVALID_PIN")
        let response = try NexoResponse(jsonData: Data(json.utf8))
        let result = try #require(response.body.result)
        #expect(result.errorCondition == .wrongPIN)
        #expect(result.additionalFields["refusalReason"] == "Invalid Pin")
        #expect(!result.isInProgress)
    }

    @Test("an ErrorCondition nexo does not define is kept as sent")
    func unknownErrorCondition() throws {
        let json = NexoFixtures.refusalConstructed.replacingOccurrences(of: "\"Refusal\"", with: "\"Communication timeout\"")
        let response = try NexoResponse(jsonData: Data(json.utf8))
        let condition = try #require(response.body.result?.errorCondition)
        #expect(condition.rawValue == "Communication timeout")
        #expect(!condition.isKnown)
        #expect(condition == NexoErrorCondition("Communication timeout"))
        let again = try NexoResponse(jsonData: response.jsonData())
        #expect(again == response)
    }

    @Test("POIReconciliationID arrives as a string or as an integer")
    func reconciliationIDStringOrInteger() throws {
        let asString = try NexoResponse(jsonData: Data(NexoFixtures.paymentResponseApproved.utf8))
        let asInteger = try NexoResponse(jsonData: Data(NexoFixtures.paymentResponseApproved
            .replacingOccurrences(of: "\"POIReconciliationID\": \"1000\"", with: "\"POIReconciliationID\": 1000").utf8))
        #expect(!NexoFixtures.paymentResponseApproved.contains("\"POIReconciliationID\": 1000"))
        guard case .payment(let string) = asString.body, case .payment(let integer) = asInteger.body else {
            Issue.record("not payments")
            return
        }
        #expect(string.poiData?.poiReconciliationID == "1000")
        #expect(integer.poiData?.poiReconciliationID == "1000")
        let reconciliation = try NexoResponse(jsonData: Data(NexoFixtures.reconciliationResponseFromTable
            .replacingOccurrences(of: "\"POIReconciliationID\":\"1007\"", with: "\"POIReconciliationID\":1007").utf8))
        guard case .reconciliation(let body) = reconciliation.body else {
            Issue.record("not a reconciliation")
            return
        }
        #expect(body.poiReconciliationID == "1007")
    }

    @Test("an amount with 3 decimals, or a negative one, is refused with a clear error")
    func amountsRefused() throws {
        let threeDecimals = NexoFixtures.paymentResponseApproved.replacingOccurrences(of: "\"AuthorizedAmount\": 1,", with: "\"AuthorizedAmount\": 10.999,")
        #expect(threeDecimals != NexoFixtures.paymentResponseApproved)
        do {
            _ = try NexoResponse(jsonData: Data(threeDecimals.utf8))
            Issue.record("10.999 was accepted")
        } catch {
            #expect(error.message == "the terminal's PaymentResponse has an invalid PaymentResult.AmountsResp.AuthorizedAmount: the amount 10.999 has more than 2 decimals")
        }
        let negative = NexoFixtures.paymentRequestKeyValue.replacingOccurrences(of: "10.99", with: "-10.99")
        do {
            _ = try NexoRequest(jsonData: Data(negative.utf8))
            Issue.record("-10.99 was accepted")
        } catch {
            #expect(error.message == "the PaymentRequest has an invalid PaymentTransaction.AmountsReq.RequestedAmount: the amount -10.99 is negative")
        }
        #expect(throws: NexoMessageError("the amount 0.001 has more than 2 decimals")) { try NexoAmount.money(from: Decimal(string: "0.001")!) }
        #expect(throws: NexoMessageError.self) { try NexoAmount.decimal(from: Money(fen: -1)) }
        let request = NexoRequest(
            body: .payment(NexoPaymentRequest(
                saleData: NexoSaleData(saleTransactionID: NexoTransactionIdentifier(transactionID: "1", timeStamp: "2024-01-01T00:00:00.000+00:00")),
                paymentTransaction: NexoPaymentTransaction(amountsReq: NexoAmountsReq(currency: "CNY", requestedAmount: Money(fen: -5)))
            )),
            serviceID: "1", saleID: "kiosk", poiID: "V400m-1"
        )
        do {
            _ = try request.jsonData()
            Issue.record("a negative amount was written")
        } catch {
            #expect(error.message.contains("RequestedAmount"))
            #expect(error.message.contains("negative"))
        }
    }

    @Test("amounts convert exactly: 10.99, 0.1, 1234567.89 and back")
    func exactAmounts() throws {
        for (text, fen) in [("10.99", Int64(1099)), ("0.1", 10), ("1234567.89", 123_456_789), ("17.50", 1750), ("0", 0), ("99999999.99", 9_999_999_999)] {
            let json = "{\"Currency\":\"CNY\",\"RequestedAmount\":\(text)}"
            let amounts = try JSONDecoder().decode(NexoAmountsReq.self, from: Data(json.utf8))
            #expect(amounts.requestedAmount == Money(fen: fen), "\(text)")
            let written = try encodeSorted(amounts)
            #expect(try NexoJSONComparison.differences(NexoJSONComparison.parse(written), NexoJSONComparison.parse(Data(json.utf8))).isEmpty, "\(text)")
        }
        #expect(try encodeSortedString(NexoAmountsReq(currency: "CNY", requestedAmount: Money(fen: 1099)))
            == #"{"Currency":"CNY","RequestedAmount":10.99}"#)
        #expect(try encodeSortedString(NexoAmountsReq(currency: "CNY", requestedAmount: Money(fen: 123_456_789)))
            == #"{"Currency":"CNY","RequestedAmount":1234567.89}"#)
        #expect(try encodeSortedString(NexoAmountsReq(currency: "CNY", requestedAmount: Money(fen: 10)))
            == #"{"Currency":"CNY","RequestedAmount":0.1}"#)
    }

    @Test("a request is written without null fields, and its header fits its body")
    func requestWithoutNulls() throws {
        let request = NexoRequest(
            body: .abort(NexoAbortRequest(messageReference: NexoMessageReference(messageCategory: .payment, saleID: "kiosk-01", serviceID: "A1B2C3"))),
            serviceID: "A1B2C4", saleID: "kiosk-01", poiID: "V400m-324688179"
        )
        #expect(try encodeSortedString(request) == #"{"SaleToPOIRequest":{"AbortRequest":{"AbortReason":"MerchantAbort","MessageReference":{"MessageCategory":"Payment","SaleID":"kiosk-01","ServiceID":"A1B2C3"}},"MessageHeader":{"MessageCategory":"Abort","MessageClass":"Service","MessageType":"Request","POIID":"V400m-324688179","ProtocolVersion":"3.0","SaleID":"kiosk-01","ServiceID":"A1B2C4"}}}"#)
        #expect(!String(decoding: try request.jsonData(), as: UTF8.self).contains("null"))
        var mismatched = request
        mismatched.header.messageCategory = .payment
        do {
            _ = try mismatched.jsonData()
            Issue.record("a Payment header was written over an AbortRequest")
        } catch {
            #expect(error.message.contains("does not match the AbortRequest"))
        }
        let display = NexoRequest(body: .display(NexoDisplayRequest(displayOutput: [])), serviceID: "1", saleID: "k", poiID: "p")
        #expect(display.header.messageClass == .device)
    }

    @Test("a response without Response.Result names the field")
    func missingResult() throws {
        let json = NexoFixtures.refusalConstructed.replacingOccurrences(of: "\"Result\":\"Failure\",", with: "")
        do {
            _ = try NexoResponse(jsonData: Data(json.utf8))
            Issue.record("a response without Result was read")
        } catch {
            #expect(error.message == "the terminal's PaymentResponse has no Response.Result")
        }
        let noBody = #"{"SaleToPOIResponse":{"MessageHeader":{"MessageClass":"Service","MessageCategory":"Payment","MessageType":"Response","ServiceID":"1","SaleID":"k","POIID":"p"}}}"#
        do {
            _ = try NexoResponse(jsonData: Data(noBody.utf8))
            Issue.record("a response without a body was read")
        } catch {
            #expect(error.message == "the terminal's response has no PaymentResponse")
        }
        do {
            _ = try NexoResponse(jsonData: Data(#"{"Foo":{}}"#.utf8))
            Issue.record("a message without SaleToPOIResponse was read")
        } catch {
            #expect(error.message == "the terminal's answer has no SaleToPOIResponse")
        }
    }

    @Test("an EventNotification in place of a response is reported (Adyen's Java library fixture)")
    func eventInsteadOfResponse() throws {
        do {
            _ = try NexoResponse(jsonData: Data(NexoFixtures.eventNotificationReject.utf8))
            Issue.record("an EventNotification was read as a response")
        } catch {
            #expect(error.message
                == "the terminal answered with an EventNotification (Reject) instead of a response: Empty input which would have resulted in a null result.")
        }
    }

    @Test("AdditionalResponse: URL-encoded and base64 JSON")
    func additionalResponse() {
        #expect(NexoAdditionalResponse.fields(of: "tid=75008565&transactionType=GOODS_SERVICES&backendGiftcardIndicator=false")
            == ["tid": "75008565", "transactionType": "GOODS_SERVICES", "backendGiftcardIndicator": "false"])
        #expect(NexoAdditionalResponse.fields(of: "message=Customer+cancelled&a=1&a=2&noValue&=x") == ["message": "Customer cancelled", "a": "1"])
        let json = #"{"additionalData":{"pspReference":"8515565295894301","refusalReason":"Refused"},"message":"Refused","store":"StoreOne"}"#
        let base64 = Data(json.utf8).base64EncodedString()
        #expect(NexoAdditionalResponse.fields(of: base64)
            == ["pspReference": "8515565295894301", "refusalReason": "Refused", "message": "Refused", "store": "StoreOne"])
        #expect(NexoAdditionalResponse.base64JSONFields("tid=1&x=2") == nil)
    }

    @Test("TimeStamp: kept as received, made from a Date with milliseconds and an offset")
    func timeStamps() throws {
        let date = Date(timeIntervalSince1970: 1_510_323_081.009)
        #expect(NexoTimeStamp.string(from: date) == "2017-11-10T14:11:21.009+00:00")
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        #expect(NexoTimeStamp.string(from: date, timeZone: shanghai) == "2017-11-10T22:11:21.009+08:00")
        let identifier = NexoTransactionIdentifier(transactionID: "K1", date: date, timeZone: shanghai)
        #expect(identifier.timeStamp == "2017-11-10T22:11:21.009+08:00")
        #expect(identifier.date.map { abs($0.timeIntervalSince(date)) < 0.001 } == true)
        for text in ["2017-11-10T14:11:21.000Z", "2017-11-13T15:24:52+00:00", "2021-02-17T08:57:32.850Z"] {
            #expect(NexoTimeStamp.date(from: text) != nil, "\(text)")
        }
        #expect(NexoTimeStamp.date(from: "yesterday") == nil)
        // Received strings are written back unchanged.
        let received = NexoTransactionIdentifier(transactionID: "x", timeStamp: "2019-03-07T10:11:04+00:00")
        #expect(try encodeSortedString(received) == #"{"TimeStamp":"2019-03-07T10:11:04+00:00","TransactionID":"x"}"#)
    }

    // MARK: - Helpers

    /// Decodes `fixture` as a request, writes it again, and expects the same JSON value.
    private func roundTripRequest(_ fixture: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> NexoRequest {
        let request = try NexoRequest(jsonData: Data(fixture.utf8))
        let written = try encodeSorted(request)
        let differences = try NexoJSONComparison.differences(NexoJSONComparison.parse(written), NexoJSONComparison.parse(Data(fixture.utf8)))
        #expect(differences.isEmpty, "written ≠ fixture: \(differences)", sourceLocation: sourceLocation)
        #expect(try NexoRequest(jsonData: written) == request, sourceLocation: sourceLocation)
        return request
    }

    /// Decodes `fixture` as a response, writes it again, and expects every field written to be the
    /// fixture's (the fields the kiosk ignores are not written).
    private func roundTripResponse(_ fixture: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> NexoResponse {
        let response = try NexoResponse(jsonData: Data(fixture.utf8))
        let written = try encodeSorted(response)
        let differences = try NexoJSONComparison.differences(NexoJSONComparison.parse(written), NexoJSONComparison.parse(Data(fixture.utf8)), subset: true)
        #expect(differences.isEmpty, "written ⊄ fixture: \(differences)", sourceLocation: sourceLocation)
        #expect(try NexoResponse(jsonData: written) == response, sourceLocation: sourceLocation)
        return response
    }

    private func encodeSorted(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    private func encodeSortedString(_ value: some Encodable) throws -> String {
        String(decoding: try encodeSorted(value), as: UTF8.self)
    }
}

/// JSON values compared field for field, numbers as `Decimal` (so `17.50` equals `17.5`).
private enum NexoJSONComparison {
    static func parse(_ data: Data) throws -> Any {
        try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// Where `actual` and `expected` differ. With `subset`, keys of `expected` that `actual` lacks
    /// are allowed (arrays must still have the same length).
    static func differences(_ actual: Any, _ expected: Any, subset: Bool = false, path: String = "$") -> [String] {
        switch (actual, expected) {
        case let (actual as [String: Any], expected as [String: Any]):
            var found: [String] = []
            for key in actual.keys.sorted() {
                guard let other = expected[key] else {
                    found.append("\(path).\(key): not in the fixture")
                    continue
                }
                found += differences(actual[key]!, other, subset: subset, path: "\(path).\(key)")
            }
            if !subset {
                for key in expected.keys.sorted() where actual[key] == nil {
                    found.append("\(path).\(key): missing")
                }
            }
            return found
        case let (actual as [Any], expected as [Any]):
            guard actual.count == expected.count else { return ["\(path): \(actual.count) elements, not \(expected.count)"] }
            return zip(actual, expected).enumerated().flatMap { index, pair in
                differences(pair.0, pair.1, subset: subset, path: "\(path)[\(index)]")
            }
        case let (actual as String, expected as String):
            return actual == expected ? [] : ["\(path): \"\(actual)\", not \"\(expected)\""]
        case (is NSNull, is NSNull):
            return []
        default:
            guard let left = scalar(actual), let right = scalar(expected) else {
                return ["\(path): \(type(of: actual)) vs \(type(of: expected))"]
            }
            return left == right ? [] : ["\(path): \(left), not \(right)"]
        }
    }

    /// A number as "n:<decimal>", a boolean as "b:<value>" (JSONSerialization gives both as
    /// NSNumber; a boolean's objCType is "c").
    private static func scalar(_ value: Any) -> String? {
        guard let number = value as? NSNumber else { return nil }
        if String(cString: number.objCType) == "c" { return "b:\(number.boolValue)" }
        guard let decimal = Decimal(string: number.stringValue) else { return nil }
        return "n:\(decimal)"
    }
}

/// The fixtures, pasted verbatim (closing delimiters at column 0, so indentation is the source's).
private enum NexoFixtures {
    // Adyen docs, "Add information to a payment", key-value example:
    // https://docs.adyen.com/point-of-sale/add-data/pass-add-data-key-value.json
    static let paymentRequestKeyValue = #"""
{
    "SaleToPOIRequest": {
        "PaymentRequest": {
            "SaleData": {
                "SaleToAcquirerData": "metadata.employeeNumber=1&shopperStatement=Book shop - ISBN 9780706414004&shopperEmail=S.Hopper@example.com&shopperReference=CUST01_34582&tenderOption=ReceiptHandler,AskGratuity",
                "SaleTransactionID": {
                    "TransactionID": "27908",
                    "TimeStamp": "2023-01-24T11:56:38.471Z"
                }
            },
            "PaymentTransaction": {
                "AmountsReq": {
                    "Currency": "EUR",
                    "RequestedAmount": 10.99
                }
            }
        },
        "MessageHeader": {
            "ProtocolVersion": "3.0",
            "MessageClass": "Service",
            "MessageCategory": "Payment",
            "MessageType": "Request",
            "ServiceID": "811",
            "SaleID": "POSSystemID12346",
            "POIID": "e280-346403161"
        }
    }
}
"""#

    // Adyen docs, "Enter a payment manually":
    // https://docs.adyen.com/point-of-sale/enter-payment-manually/manual-keyed-entry_1.json
    static let paymentRequestManualKeyed = #"""
{
    "SaleToPOIRequest":{
        "MessageHeader":{
            "ProtocolVersion":"3.0",
            "MessageClass":"Service",
            "MessageCategory":"Payment",
            "MessageType":"Request",
            "ServiceID":"037",
            "SaleID":"POSSystemID12345",
            "POIID":"P400Plus-275040702"
        },
        "PaymentRequest":{
            "SaleData":{
                "SaleToAcquirerData":"",
                "SaleTransactionID":{
                    "TransactionID":"8377PME_POS",
                    "TimeStamp":"2021-01-19T11:03:39.000Z"
                }
            },
            "PaymentTransaction":{
                "AmountsReq":{
                    "RequestedAmount":17.50,
                    "Currency":"EUR"
                },
                "TransactionConditions":{
                    "ForceEntryMode":[
                        "Keyed"
                    ]
                }
            }
        }
    }
}
"""#

    // Adyen's docs show the payment response only as a field table
    // (https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/paymentresponsenexo);
    // this complete one is Adyen's own, from adyen-java-api-library:
    // https://github.com/Adyen/adyen-java-api-library/blob/bca8a14bd8bfd031e109bbf12684150f37b17a2b/src/test/resources/mocks/terminal-api/payment-sync-success.json
    static let paymentResponseApproved = #"""
{
  "SaleToPOIResponse": {
    "PaymentResponse": {
      "POIData": {
        "POITransactionID": {
          "TimeStamp": "2019-04-29T00:00:00.000Z",
          "TransactionID": "4r7i001556529591000.8515565295894301"
        },
        "POIReconciliationID": "1000"
      },
      "SaleData": {
        "SaleTransactionID": {
          "TimeStamp": "2019-04-29T00:00:00.000Z",
          "TransactionID": "001"
        }
      },
      "PaymentReceipt": [
        {
          "RequiredSignatureFlag": false,
          "DocumentQualifier": "CashierReceipt",
          "OutputContent": {
            "OutputFormat": "Text",
            "OutputText": [
              {
                "CharacterStyle": "Bold",
                "Text": "key=header1",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "key=header2",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "name=MERCHANT%20COPY&key=merchantTitle",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Date&value=29%2f04%2f19&key=txdate",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Time&value=10%3a19%3a51&key=txtime",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Card&value=%2a%2a%2a%2a%2a%2a%2a%2a%2a%2a%2a%2a3511&key=pan",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Pref.%20name&value=MCC%20351%20v1%202&key=preferredName",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Card%20type&value=mc&key=cardType",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Payment%20method&value=mc&key=paymentMethod",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Payment%20variant&value=mc&key=paymentMethodVariant",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Entry%20mode&value=Contactless%20swipe&key=posEntryMode",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=AID&value=A0000000041010&key=aid",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=MID&value=1000&key=mid",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=TID&value=P400Plus-275039202&key=tid",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=PTID&value=75039202&key=ptid",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Auth.%20code&value=123456&key=authCode",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Tender&value=4r7i001556529591000&key=txRef",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Reference&value=003&key=mref",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Type&value=GOODS_SERVICES&key=txtype",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "name=TOTAL&value=%e2%82%ac%c2%a01.00&key=totalAmount",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "name=APPROVED&key=approved",
                "EndOfLineFlag": true
              }
            ]
          }
        },
        {
          "RequiredSignatureFlag": false,
          "DocumentQualifier": "CustomerReceipt",
          "OutputContent": {
            "OutputFormat": "Text",
            "OutputText": [
              {
                "CharacterStyle": "Bold",
                "Text": "key=header1",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "key=header2",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "name=CARDHOLDER%20COPY&key=cardholderHeader",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Date&value=29%2f04%2f19&key=txdate",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Time&value=10%3a19%3a51&key=txtime",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Card&value=%2a%2a%2a%2a%2a%2a%2a%2a%2a%2a%2a%2a3511&key=pan",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Pref.%20name&value=MCC%20351%20v1%202&key=preferredName",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Card%20type&value=mc&key=cardType",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Payment%20method&value=mc&key=paymentMethod",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Payment%20variant&value=mc&key=paymentMethodVariant",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Entry%20mode&value=Contactless%20swipe&key=posEntryMode",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=AID&value=A0000000041010&key=aid",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=MID&value=1000&key=mid",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=TID&value=P400Plus-275039202&key=tid",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=PTID&value=75039202&key=ptid",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Auth.%20code&value=123456&key=authCode",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Tender&value=4r7i001556529591000&key=txRef",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Reference&value=003&key=mref",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Type&value=GOODS_SERVICES&key=txtype",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "name=TOTAL&value=%e2%82%ac%c2%a01.00&key=totalAmount",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "CharacterStyle": "Bold",
                "Text": "name=APPROVED&key=approved",
                "EndOfLineFlag": true
              },
              {
                "Text": "key=filler",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Please%20retain%20for%20your%20records&key=retain",
                "EndOfLineFlag": true
              },
              {
                "Text": "name=Thank%20you&key=thanks",
                "EndOfLineFlag": true
              }
            ]
          }
        }
      ],
      "PaymentResult": {
        "OnlineFlag": true,
        "PaymentAcquirerData": {
          "AcquirerPOIID": "P400Plus-123456789",
          "ApprovalCode": "123456",
          "AcquirerTransactionID": {
            "TimeStamp": "2019-04-29T09:19:51.000Z",
            "TransactionID": "8515565295894301"
          },
          "MerchantID": "TestMerchant"
        },
        "CurrencyConversion": [
          {
            "ConvertedAmount": {
              "AmountValue": 48.32,
              "Currency": "EUR"
            },
            "CustomerApprovedFlag": true,
            "Markup": 3,
            "Rate": 0.035
          }
        ],
        "PaymentInstrumentData": {
          "CardData": {
            "EntryMode": [
              "Tapped"
            ],
            "PaymentBrand": "mc",
            "MaskedPan": "411111 **** 1111",
            "SensitiveCardData": {
              "ExpiryDate": "1225"
            }
          },
          "PaymentInstrumentType": "Card"
        },
        "AmountsResp": {
          "AuthorizedAmount": 1,
          "Currency": "EUR"
        }
      },
      "Response": {
        "Result": "Success",
        "AdditionalResponse": "tid=75039202&AID=A0000000041010&transactionType=GOODS_SERVICES&backendGiftcardIndicator=false&expiryYear=2025&acquirerAccountCode=TestPmmAcquirerAccount&alias=M900978995070104&posOriginalAmountCurrency=EUR&giftcardIndicator=false&authorisedAmountValue=100&pspReference=8515565295894301&paymentMethodVariant=mc&cardHolderName=N%2fA&refusalReasonRaw=APPROVED&authorisationMid=1000&expiryDate=12%2f2025&applicationPreferredName=MCC%20351%20v1%202&acquirerCode=TestPmmAcquirer&txtime=10%3a19%3a51&iso8601TxDate=2019-04-29T09%3a19%3a51.0000000%2b0000&cardType=mc&posOriginalAmountValue=100&offline=false&aliasType=Default&txdate=29-04-2019&paymentMethod=mc&cvcResult=0%20Unknown&avsResult=0%20Unknown&mid=1000&merchantReference=003&transactionReferenceNumber=8515565295894301&expiryMonth=12&cardSummary=3511&posTotalAmountValue=100&posAuthAmountCurrency=EUR&cardHolderVerificationMethodResults=3F0300&authCode=123456&shopperCountry=NL&posEntryMode=CLESS_SWIPE&cardScheme=mc&cardBin=541333&posAuthAmountValue=100"
      }
    },
    "MessageHeader": {
      "ProtocolVersion": "3.0",
      "SaleID": "001",
      "MessageClass": "Service",
      "MessageCategory": "Payment",
      "ServiceID": "1234567890",
      "POIID": "P400Plus-123456789",
      "MessageType": "Response"
    }
  }
}
"""#

    // Adyen's own, from adyen-dotnet-api-library:
    // https://github.com/Adyen/adyen-dotnet-api-library/blob/ea98c5de22d338a839a20bfa6594cfa325e287e9/Adyen.Test/mocks/terminalapi/pospayment-cancelled.json
    static let paymentResponseCancelled = #"""
{
   "SaleToPOIResponse":{
      "MessageHeader":{
         "POIID":"MX925-260193322",
         "SaleID":"POSSystemID12345",
         "ServiceID":"16151",
         "MessageCategory":"Payment",
         "MessageClass":"Service",
         "ProtocolVersion":"3.0",
         "MessageType":"Response"
      },
      "PaymentResponse":{
         "PaymentResult":{
            "PaymentAcquirerData":{
               "MerchantID":"TestMerchantPOS",
               "AcquirerPOIID":"MX925-260193322"
            },
            "PaymentInstrumentData":{
               "CardData":{
                  "EntryMode":[
                     "ICC"
                  ]
               },
               "PaymentInstrumentType":"Card"
            }
         },
         "SaleData":{
            "TokenRequestedType":"Customer",
            "SaleTransactionID":{
               "TransactionID":"27040",
               "TimeStamp":"2017-08-28T15:18:30.000Z"
            }
         },
         "Response":{
            "Result":"Failure",
            "ErrorCondition":"Cancel",
            "AdditionalResponse":"101 Shopper cancelled app selection"
         },
         "POIData":{
            "POITransactionID":{
               "TransactionID":"oLkO001503933508008",
               "TimeStamp":"2017-08-28T15:18:28.000Z"
            }
         }
      }
   }
}
"""#

    // Adyen docs, "Verify transaction status", request:
    // https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status
    static let transactionStatusRequest = #"""
{
  "SaleToPOIRequest": {
    "MessageHeader": {
      "ProtocolVersion": "3.0",
      "MessageClass": "Service",
      "MessageCategory": "TransactionStatus",
      "MessageType": "Request",
      "SaleID": "POSSystemID12345",
      "ServiceID": "29245",
      "POIID": "V400m-324688179"
    },
    "TransactionStatusRequest": {
      "ReceiptReprintFlag": true,
      "DocumentQualifier": [
        "CashierReceipt",
        "CustomerReceipt"
      ],
      "MessageReference": {
        "SaleID": "POSSystemID12345",
        "ServiceID": "29235",
        "MessageCategory": "Payment"
      }
    }
  }
}
"""#

    // Adyen docs, "Verify transaction status", transaction processed (payment aborted):
    // https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status
    static let transactionStatusAborted = #"""
{
    "SaleToPOIResponse": {
        "MessageHeader": {
            "MessageCategory": "TransactionStatus",
            "MessageClass": "Service",
            "MessageType": "Response",
            "POIID": "V400m-324688179",
            "ProtocolVersion": "3.0",
            "SaleID": "POSSystemID12345",
            "ServiceID": "800"
        },
        "TransactionStatusResponse": {
            "MessageReference": {
                "MessageCategory": "Payment",
                "SaleID": "POSSystemID12345",
                "ServiceID": "172218"
            },
            "RepeatedMessageResponse": {
                "MessageHeader": {
                    "MessageCategory": "Payment",
                    "MessageClass": "Service",
                    "MessageType": "Response",
                    "POIID": "V400m-324688179",
                    "ProtocolVersion": "3.0",
                    "SaleID": "POSSystemID12345",
                    "ServiceID": "172218"
                },
                "RepeatedResponseMessageBody": {
                    "PaymentResponse": {
                        "POIData": {
                            "POIReconciliationID": "1000",
                            "POITransactionID": {
                                "TimeStamp": "2021-02-17T08:57:37.000Z",
                                "TransactionID": "8ha5001613552257008"
                            }
                        },
                        "PaymentResult": {
                            "PaymentAcquirerData": {
                                "AcquirerPOIID": "V400m-324688179",
                                "MerchantID": "YOUR_MERCHANT_ACCOUNT"
                            },
                            "PaymentInstrumentData": {
                                "CardData": {},
                                "PaymentInstrumentType": "Card"
                            }
                        },
                        "Response": {
                            "AdditionalResponse": "refusalReason=104%20Merchant%20cancelled%20tx&tid=46403161&transactionType=GOODS_SERVICES&backendGiftcardIndicator=false&posadditionalamounts.originalAmountValue=1553&posAmountGratuityValue=0&giftcardIndicator=false&batteryLevel=85%25&store=StoreOne&txtime=09%3a57%3a37&iso8601TxDate=2021-02-17T08%3a57%3a37.0000000%2b0000&posOriginalAmountValue=1553&txdate=17-02-2021&merchantReference=569&posadditionalamounts.originalAmountCurrency=EUR&posAuthAmountCurrency=EUR&message=104%20Merchant%20cancelled%20tx&posAmountCashbackValue=0&posAuthAmountValue=1553",
                            "ErrorCondition": "Aborted",
                            "Result": "Failure"
                        },
                        "SaleData": {
                            "SaleTransactionID": {
                                "TimeStamp": "2021-02-17T08:57:32.850Z",
                                "TransactionID": "569"
                            }
                        }
                    }
                }
            },
            "Response": {
                "Result": "Success"
            }
        }
    }
}
"""#

    // Adyen docs, "Verify transaction status", transaction in progress:
    // https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status
    static let transactionStatusInProgress = #"""
{
  "SaleToPOIResponse":{
    "MessageHeader":{
      "MessageType":"Response",
      "MessageCategory":"TransactionStatus",
      "MessageClass":"Service",
      "ProtocolVersion":"3.0",
      "POIID":"V400m-324688179",
      "SaleID":"POSSystemID12345",
      "ServiceID":"29235status"
    },
    "TransactionStatusResponse":{
      "Response":{
        "Result":"Failure",
        "ErrorCondition":"InProgress",
        "AdditionalResponse":"message=Uncompleted%20transaction"
      }
    }
  }
}
"""#

    // Adyen docs, "Verify transaction status", transaction not found (as published: note the
    // trailing comma after AdditionalResponse, which makes it invalid JSON):
    // https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status
    static let transactionStatusNotFound = #"""
{
  "SaleToPOIResponse":{
    "MessageHeader":{
      "POIID":"V400m-324688179",
      "SaleID":"POSSystemID12345",
      "ServiceID":"29235-status",
      "ProtocolVersion":"3.0",
      "MessageCategory":"TransactionStatus",
      "MessageType":"Response",
      "MessageClass":"Service"
    },
    "TransactionStatusResponse":{
      "Response":{
        "ErrorCondition":"NotFound",
        "Result":"Failure",
        "AdditionalResponse":"message=Message%20not%20found.%20Category%3dPayment%2c%20last%20such%20Request%20has%20SaleID%3dPOSSystemID12345%20ServiceID%3d29235",
      }
    }
  }
}
"""#

    // Adyen's own, from adyen-dotnet-api-library (no RepeatedMessageResponse.MessageHeader):
    // https://github.com/Adyen/adyen-dotnet-api-library/blob/ea98c5de22d338a839a20bfa6594cfa325e287e9/Adyen.Test/mocks/terminalapi/pospayment-transaction-status-response.json
    static let transactionStatusApprovedDotNet = #"""
{
   "SaleToPOIResponse" : {
      "MessageHeader" : {
         "MessageCategory" : "TransactionStatus",
         "ServiceID" : "35543420",
         "MessageType" : "Response",
         "SaleID" : "TOSIM_1_1_6",
         "POIID" : "P400Plus-12345678",
         "ProtocolVersion" : "3.0",
         "MessageClass" : "Service"
      },
      "TransactionStatusResponse" : {
         "Response" : {
            "Result" : "Success"
         },
         "MessageReference" : {
            "SaleID" : "TOSIM_1_100_6",
            "ServiceID" : "05140342",
            "MessageCategory" : "Payment"
         },

         "RepeatedMessageResponse" : {
            "RepeatedResponseMessageBody" : {
               "PaymentResponse" : {
                  "PaymentResult" : {
                     "PaymentInstrumentData" : {
                        "PaymentInstrumentType" : "Card",
                        "CardData" : {
                           "EntryMode" : [
                              "ICC"
                           ],
                           "PaymentBrand" : "mc",
                           "SensitiveCardData" : {
                              "ExpiryDate" : "0228",
                              "CardSeqNumb" : "53"
                           },
                           "CardCountryCode" : "056",
                           "MaskedPan" : "679999 **** 9990"
                        }
                     },
                     "AuthenticationMethod" : [
                        "SignatureCapture"
                     ],
                     "PaymentAcquirerData" : {
                        "AcquirerPOIID" : "P400Plus-275102737",
                        "MerchantID" : "EG_Adyen_test",
                        "AcquirerTransactionID" : {
                           "TimeStamp" : "2018-12-05T13:03:47.000Z",
                           "TransactionID" : "8815440150351036"
                        }
                     },
                     "OnlineFlag" : true,
                     "PaymentType" : "Normal",
                     "AmountsResp" : {
                        "AuthorizedAmount" : 79,
                        "Currency" : "EUR"
                     },
                     "MerchantOverrideFlag" : false
                  },
                  "SaleData" : {
                     "SaleTransactionID" : {
                        "TransactionID" : "0000060001078117",
                        "TimeStamp" : "2018-12-05T14:03:42.000Z"
                     }
                  },
                  "Response" : {
                     "Result" : "Success",
                     "AdditionalResponse" : "tid=75102737&AID=A000000004306001&transactionType=GOODS_SERVICES&backendGiftcardIndicator=false&giftcardIndicator=false&pspReference=8815440150351036&cardHolderName=TC03_MS_Approved&paymentMethodVariant=maestro&applicationPreferredName=ms%20en&offline=false&tc=9011DDEE7EA21173&mid=1000&cardHolderVerificationMethodResults=1E0000"
                  },
                  "POIData" : {
                     "POITransactionID" : {
                        "TimeStamp" : "2018-12-05T13:03:47.000Z",
                        "TransactionID" : "57eT001544015027011.8815440150351036"
                     },
                     "POIReconciliationID" : "1000"
                  }
               }
            }
         }
      }
   }
}
"""#

    // Adyen docs, "Cancel a transaction":
    // https://docs.adyen.com/point-of-sale/basic-tapi-integration/cancel-a-transaction
    static let abortRequest = #"""
{
  "SaleToPOIRequest":{
    "MessageHeader":{
      "ProtocolVersion":"3.0",
      "MessageClass":"Service",
      "MessageCategory":"Abort",
      "MessageType":"Request",
      "SaleID":"POSSystemID12345",
      "ServiceID":"29239",
      "POIID":"V400m-324688179"
    },
    "AbortRequest":{
      "AbortReason":"MerchantAbort",
      "MessageReference":{
        "MessageCategory":"Payment",
        "SaleID":"POSSystemID12345",
        "ServiceID":"21796"
      }
    }
  }
}
"""#

    // Adyen docs, referenced refund (full):
    // https://docs.adyen.com/unified-commerce/referenced-refunds/refund-payment_0.json
    static let reversalRequestFull = #"""
{
    "SaleToPOIRequest":{
        "MessageHeader":{
            "ProtocolVersion":"3.0",
            "MessageClass":"Service",
            "MessageCategory":"Reversal",
            "MessageType":"Request",
            "SaleID":"POSSystemID12345",
            "ServiceID":"0207111105",
            "POIID":"V400m-324688179"
        },
        "ReversalRequest":{
            "OriginalPOITransaction":{
                "POITransactionID":{
                    "TransactionID":"7JLX001566393198001.851556019495143C",
                    "TimeStamp":"2019-03-07T10:11:04+00:00"
                }
            },
            "ReversalReason":"MerchantCancel"
        }
    }
}
"""#

    // Adyen docs, referenced refund (partial):
    // https://docs.adyen.com/unified-commerce/referenced-refunds/refund-payment_1.json
    static let reversalRequestPartial = #"""
{
    "SaleToPOIRequest":{
        "MessageHeader":{
            "ProtocolVersion":"3.0",
            "MessageClass":"Service",
            "MessageCategory":"Reversal",
            "MessageType":"Request",
            "SaleID":"POSSystemID12345",
            "ServiceID":"207111108",
            "POIID":"V400m-324688179"
        },
        "ReversalRequest":{
            "OriginalPOITransaction":{
                "POITransactionID":{
                    "TransactionID":"pZtU001251034513719.881566567357804C",
                    "TimeStamp":"2019-08-12T15:40:03+00:00"
                }
            },
            "ReversalReason":"MerchantCancel",
            "ReversedAmount":6.00,
            "SaleData":{
                "SaleToAcquirerData":"currency=EUR",
                "SaleTransactionID":{
                    "TimeStamp":"2019-08-15T12:00:00+00:00",
                    "TransactionID":"27911"
                }
            }
        }
    }
}
"""#

    // Adyen's docs show the reversal response only as a field table
    // (https://docs.adyen.com/point-of-sale/basic-tapi-integration/refund-payment/reversalresponsenexo);
    // this one is Adyen's own, from adyen-dotnet-api-library:
    // https://github.com/Adyen/adyen-dotnet-api-library/blob/ea98c5de22d338a839a20bfa6594cfa325e287e9/Adyen.Test/mocks/terminalapi/pospayment-reversal-response-success.json
    static let reversalResponse = #"""
{
	"SaleToPOIResponse": {
		"ReversalResponse": {
			"POIData": {
				"POITransactionID": {
					"TimeStamp": "2019-08-22T11:09:22.575Z",
					"TransactionID": "8515661234567890C"
				}
			},
			"ReversedAmount": 10100,
			"Response": {
				"Result": "Success",
				"AdditionalResponse": "store=Store1234&currency=EUR"
			}
		},
		"MessageHeader": {
			"ProtocolVersion": "3.0",
			"SaleID": "POSSystemID123456",
			"MessageClass": "Service",
			"MessageCategory": "Reversal",
			"ServiceID": "22123456",
			"POIID": "P400Plus-1234567890",
			"MessageType": "Response"
		}
	}
}
"""#

    // Adyen docs, "Log in and log out":
    // https://docs.adyen.com/point-of-sale/reconciling-totals/log-in-and-log-out/log-in-and-log-out_0.json
    static let loginRequest = #"""
{  
   "SaleToPOIRequest":{  
      "MessageHeader":{  
         "ProtocolVersion":"3.0",
         "MessageClass":"Service",
         "MessageCategory":"Login",
         "MessageType":"Request",
         "ServiceID":"0403105031",
         "SaleID":"POSSystemID12345",
         "POIID":"P400Plus-275008565"
      },
      "LoginRequest":{  
         "DateTime":"2018-04-03T08:50:31+00:00",
         "SaleSoftware":{  
            "ManufacturerID":"Adyen",
            "ApplicationName":"TestScripts",
            "SoftwareVersion":"1.0",
            "CertificationCode":""
         },
         "SaleTerminalData":{  
            "TotalsGroupID":"GroupA"
         },
         "OperatorLanguage":"en",
         "OperatorID":"John"
      }
   }
}
"""#

    // NOT an Adyen example: written for this test after the field table of
    // https://docs.adyen.com/point-of-sale/reconciling-totals/log-in-and-log-out/loginresponsenexo
    // (header values repeated from the login request example above), which shows no JSON.
    static let loginResponseFromTable = #"""
{
  "SaleToPOIResponse": {
    "MessageHeader": {
      "ProtocolVersion": "3.0",
      "MessageClass": "Service",
      "MessageCategory": "Login",
      "MessageType": "Response",
      "ServiceID": "0403105031",
      "SaleID": "POSSystemID12345",
      "POIID": "P400Plus-275008565"
    },
    "LoginResponse": {
      "Response": {
        "Result": "Success"
      },
      "POISystemData": {
        "DateTime": "2018-04-03T08:50:31.000Z",
        "POISoftware": {
          "ManufacturerID": "Adyen",
          "ApplicationName": "Adyen PSP",
          "SoftwareVersion": "1.49",
          "CertificationCode": "0"
        },
        "POIStatus": {
          "GlobalStatus": "OK",
          "CommunicationOKFlag": true
        }
      }
    }
  }
}
"""#

    // Adyen docs, "Reconcile a balance mismatch":
    // https://docs.adyen.com/pt/point-of-sale/reconciling-totals/reconcile-a-balance-mismatch/reconcile-a-balance-mismatch_0.json
    static let reconciliationRequest = #"""
{
   "SaleToPOIRequest":{
      "MessageHeader":{
         "ProtocolVersion":"3.0",
         "MessageClass":"Service",
         "MessageCategory":"Reconciliation",
         "MessageType":"Request",
         "ServiceID":"0518145303",
         "SaleID":"CashRegB3",
         "POIID":"P400Plus-275008565"
      },
      "ReconciliationRequest":{
         "ReconciliationType":"SaleReconciliation"
      }
   }
}
"""#

    // NOT an Adyen example: written for this test after the field table of
    // https://docs.adyen.com/point-of-sale/reconciling-totals/reconcile-a-balance-mismatch/reconciliationresponsenexo
    // (POIReconciliationID 1007, SaleID CashRegB3, ServiceID 0828153428; its TransactionTotals is "[ ... ]").
    static let reconciliationResponseFromTable = #"""
{"SaleToPOIResponse":{"MessageHeader":{"ProtocolVersion":"3.0","MessageClass":"Service","MessageCategory":"Reconciliation","MessageType":"Response","ServiceID":"0828153428","SaleID":"CashRegB3","POIID":"P400Plus-275008565"},"ReconciliationResponse":{"Response":{"Result":"Success"},"ReconciliationType":"SaleReconciliation","POIReconciliationID":"1007","TransactionTotals":[{"PaymentInstrumentType":"Card","AcquirerID":"0","CardBrand":"mc","PaymentCurrency":"EUR","PaymentTotals":[{"TransactionType":"Debit","TransactionCount":3,"TransactionAmount":32.98},{"TransactionType":"Credit","TransactionCount":1,"TransactionAmount":10.99}]}]}}}
"""#

    // Adyen docs, "Request diagnosis":
    // https://docs.adyen.com/point-of-sale/diagnostics/request-diagnosis/diagnosis_1.json
    static let diagnosisRequest = #"""
{
    "SaleToPOIRequest":{
        "MessageHeader":{
            "ProtocolVersion":"3.0",
            "MessageClass":"Service",
            "MessageCategory":"Diagnosis",
            "MessageType":"Request",
            "ServiceID":"282",
            "SaleID":"POSSystemID12345",
            "POIID":"V400m-346403161"
        },
        "DiagnosisRequest":{
            "HostDiagnosisFlag":true
        }
    }
}
"""#

    // Adyen docs, "Request diagnosis", response:
    // https://docs.adyen.com/point-of-sale/diagnostics/request-diagnosis/diagnosis_1_response.json
    static let diagnosisResponse = #"""
{
    "SaleToPOIResponse": {
        "DiagnosisResponse": {
            "HostStatus": [
                {
                    "IsReachableFlag": true,
                    "AcquirerID": "0"
                }
            ],
            "POIStatus": {
                "CommunicationOKFlag": true,
                "PrinterStatus": "OK",
                "GlobalStatus": "OK"
            },
            "Response": {
                "Result": "Success",
                "AdditionalResponse": "batteryLevel=100%25&firmwareVersion=adyen_v1_49p5&networkProfile=WyB7ICJBZGRyZXNzIjogIjE5Mi4xNjguMi4yIiwgIklmYWNlIjogIndsYW4wIiB9IF0%3d&merchantAccount=ADYEN_MERCHANT_ACCOUNT&unconfirmedBatchCount=0&terminalId=V400m-346403161&storeId=YOUR_STORE"
            }
        },
        "MessageHeader": {
            "ProtocolVersion": "3.0",
            "SaleID": "POSSystemID12345",
            "MessageClass": "Service",
            "MessageCategory": "Diagnosis",
            "ServiceID": "0403104626",
            "POIID": "V400m-346403161",
            "MessageType": "Response"
        }
    }
}
"""#

    // Adyen docs, idle display:
    // https://docs.adyen.com/point-of-sale/shopper-engagement/display-data/idle-display/idle_0.json
    static let displayRequest = #"""
{
    "SaleToPOIRequest":{
        "DisplayRequest":{
            "DisplayOutput":[
                {
                    "Device":"CustomerDisplay",
                    "InfoQualify":"Display",
                    "OutputContent":{
                        "OutputFormat":"MessageRef",
                        "PredefinedContent":{
                            "ReferenceID":"Idle"
                        }
                    }
                }
            ]
        },
        "MessageHeader":{
            "ProtocolVersion":"3.0",
            "MessageClass":"Device",
            "MessageCategory":"Display",
            "MessageType":"Request",
            "ServiceID":"043001",
            "SaleID":"POSSystemID12345",
            "POIID":"V400m-346403161"
        }
    }
}
"""#

    // Adyen's docs show the display response only as a field table
    // (https://docs.adyen.com/point-of-sale/shopper-engagement/display-data/displayresponsenexo);
    // this one is Adyen's own, from adyen-dotnet-api-library:
    // https://github.com/Adyen/adyen-dotnet-api-library/blob/ea98c5de22d338a839a20bfa6594cfa325e287e9/Adyen.Test/mocks/terminalapi/display-response-success.json
    static let displayResponse = #"""
{
	"SaleToPOIResponse": {
		"DisplayResponse": {
			"OutputResult": [{
				"Device": "CustomerDisplay",
				"InfoQualify": "Display",
				"Response": {
					"Result": "Success"
				}
			}]
		},
		"MessageHeader": {
			"ProtocolVersion": "3.0",
			"SaleID": "POSSystemID12345Appie",
			"MessageClass": "Device",
			"MessageCategory": "Display",
			"ServiceID": "20135010",
			"POIID": "MX925-284691408",
			"MessageType": "Response"
		}
	}
}
"""#

    // NOT an Adyen example: a declined payment written for this test after
    // https://docs.adyen.com/point-of-sale/error-scenarios/refusal-reasons-pos (ErrorCondition Refusal,
    // refusalReason and message in AdditionalResponse) and https://docs.adyen.com/development-resources/refusal-reasons
    // ("Not enough balance").
    static let refusalConstructed = #"""
{"SaleToPOIResponse":{"MessageHeader":{"ProtocolVersion":"3.0","MessageClass":"Service","MessageCategory":"Payment","MessageType":"Response","ServiceID":"A1B2C3","SaleID":"kiosk-01","POIID":"V400m-324688179"},"PaymentResponse":{"Response":{"Result":"Failure","ErrorCondition":"Refusal","AdditionalResponse":"refusalReason=Not%20enough%20balance&message=NOT_ENOUGH_BALANCE&pspReference=881234567890123A"},"SaleData":{"SaleTransactionID":{"TransactionID":"K20240101001","TimeStamp":"2024-01-01T10:00:00.000+08:00"}},"POIData":{"POITransactionID":{"TransactionID":"BV0q001704074400000.881234567890123A","TimeStamp":"2024-01-01T02:00:05.000Z"}},"PaymentResult":{"AmountsResp":{"AuthorizedAmount":0,"Currency":"CNY"},"PaymentInstrumentData":{"PaymentInstrumentType":"Card","CardData":{"EntryMode":["ICC"],"PaymentBrand":"unionpay","MaskedPan":"621234 **** 1234"}}}}}}
"""#

    // What a terminal sends instead of a response to an unreadable request; Adyen's own, from
    // adyen-java-api-library:
    // https://github.com/Adyen/adyen-java-api-library/blob/bca8a14bd8bfd031e109bbf12684150f37b17a2b/src/test/resources/mocks/terminal-api/payment-sync-error-empty.json
    static let eventNotificationReject = #"""
{
  "SaleToPOIRequest": {
    "MessageHeader": {
      "DeviceID": "286881016",
      "MessageCategory": "Event",
      "MessageClass": "Event",
      "MessageType": "Notification",
      "POIID": "N/A",
      "ProtocolVersion": "3.0",
      "SaleID": "N/A"
    },
    "EventNotification": {
      "RejectedMessage": "",
      "EventToNotify": "Reject",
      "TimeStamp": "2019-05-17T14:12:39.323Z",
      "EventDetails": "message=Empty+input+which+would+have+resulted+in+a+null+result."
    }
  }
}
"""#
}
