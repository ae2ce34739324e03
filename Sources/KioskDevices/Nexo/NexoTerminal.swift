import Foundation
import KioskCore

/// The payment terminal driven over nexo Retailer, in the Adyen Terminal API's JSON dialect (local
/// integration, protected messages). Works with any terminal that implements that protocol.
///
/// Sources: Adyen Terminal API, https://docs.adyen.com/point-of-sale/design-your-integration/terminal-api/ ;
/// make a payment, https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/ ; verify the
/// transaction status, https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status/ ;
/// cancel a transaction, https://docs.adyen.com/point-of-sale/basic-tapi-integration/cancel-a-transaction/ ;
/// reversal (referenced refund), https://docs.adyen.com/point-of-sale/basic-tapi-integration/refund-payment/referenced/ ;
/// reconciliation, https://docs.adyen.com/point-of-sale/reconciling-totals/ ; nexo Retailer Protocol v3.
///
/// - One message at a time (`RequestGate`); an Abort goes beside the Payment it stops.
/// - The Payment's `ServiceID` comes from the kiosk's idempotency key (`TerminalPaymentRequest.serviceID`),
///   so TransactionStatus can name it after a restart; every other message gets a fresh random one.
/// - `SaleTransactionID.TransactionID` is the idempotency key.
/// - Every answer is opened (HMAC and key checked), decoded and matched to its request (category,
///   ServiceID, SaleID, POIID): anything else is `terminal.malformed`, an unknown outcome.
public final class NexoTerminal: PaymentTerminal {
    let settings: NexoTerminalSettings
    let transport: any NexoTransport
    let now: @Sendable () -> Date
    let makeServiceID: @Sendable () -> String
    private let gate = RequestGate()
    /// The kiosk's software, as Login announces it.
    let softwareVersion: String

    public init(settings: NexoTerminalSettings, transport: any NexoTransport, softwareVersion: String,
                now: @escaping @Sendable () -> Date = WallClock.system.now,
                makeServiceID: @escaping @Sendable () -> String = NexoTerminal.randomServiceID) {
        self.settings = settings
        self.transport = transport
        self.softwareVersion = softwareVersion
        self.now = now
        self.makeServiceID = makeServiceID
    }

    /// Ten random letters and digits.
    public static let randomServiceID: @Sendable () -> String = {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<10).map { _ in alphabet.randomElement()! })
    }

    public func pay(_ request: TerminalPaymentRequest) async throws(KioskError) -> TerminalOutcome {
        let payment = NexoPaymentRequest(
            saleData: NexoSaleData(saleTransactionID: NexoTransactionIdentifier(transactionID: request.transactionID, date: request.createdAt)),
            paymentTransaction: NexoPaymentTransaction(amountsReq: NexoAmountsReq(currency: "CNY", requestedAmount: request.amount))
        )
        let answer = try await gate.run { () throws(KioskError) in
            try await self.exchange(.payment(payment), serviceID: request.serviceID, timeout: self.settings.paymentTimeout)
        }
        guard case .payment(let response) = answer else { throw Self.wrongBody(answer, expected: "PaymentResponse") }
        return try NexoOutcome.payment(response, transactionID: request.transactionID)
    }

    public func status(of request: TerminalPaymentRequest) async throws(KioskError) -> TerminalStatus {
        let status = NexoTransactionStatusRequest(
            messageReference: NexoMessageReference(messageCategory: .payment, saleID: settings.saleID, serviceID: request.serviceID))
        let answer = try await gate.run { () throws(KioskError) in
            try await self.exchange(.transactionStatus(status), serviceID: self.makeServiceID(), timeout: self.settings.requestTimeout)
        }
        guard case .transactionStatus(let response) = answer else { throw Self.wrongBody(answer, expected: "TransactionStatusResponse") }
        return try NexoOutcome.status(response, transactionID: request.transactionID)
    }

    /// Not behind the gate: it must reach the terminal while the Payment it stops is outstanding.
    /// The terminal answers an Abort with an empty body.
    public func abort(_ request: TerminalPaymentRequest) async throws(KioskError) {
        let abort = NexoAbortRequest(messageReference: NexoMessageReference(messageCategory: .payment, saleID: settings.saleID, serviceID: request.serviceID))
        let message = try seal(.abort(abort), serviceID: makeServiceID())
        _ = try await transport.post(message, timeout: settings.requestTimeout)
    }

    public func reverse(_ approval: CardApproval, reason: TerminalReversalReason) async throws(KioskError) -> TerminalReversal {
        let original = NexoTransactionIdentifier(transactionID: approval.terminalTransactionID, timeStamp: approval.terminalTimeStamp)
        let reversal = NexoReversalRequest(
            originalPOITransaction: NexoOriginalPOITransaction(saleID: settings.saleID, poiID: settings.poiID, poiTransactionID: original),
            reversalReason: reason == .customerCancel ? .custCancel : .unable2Compl, reversedAmount: approval.amount
        )
        let answer = try await gate.run { () throws(KioskError) in
            try await self.exchange(.reversal(reversal), serviceID: self.makeServiceID(), timeout: self.settings.requestTimeout)
        }
        guard case .reversal(let response) = answer else { throw Self.wrongBody(answer, expected: "ReversalResponse") }
        return try NexoOutcome.reversal(response)
    }

    public func login() async throws(KioskError) -> TerminalLogin {
        let login = NexoLoginRequest(
            dateTime: NexoTimeStamp.string(from: now()),
            saleSoftware: NexoSaleSoftware(manufacturerID: "kioskd", applicationName: "kioskd", softwareVersion: softwareVersion),
            saleTerminalData: NexoSaleTerminalData(terminalEnvironment: "Unattended", saleCapabilities: ["CustomerDisplay", "CustomerInput"]),
            operatorLanguage: "zh"
        )
        let answer = try await gate.run { () throws(KioskError) in
            try await self.exchange(.login(login), serviceID: self.makeServiceID(), timeout: self.settings.requestTimeout)
        }
        guard case .login(let response) = answer else { throw Self.wrongBody(answer, expected: "LoginResponse") }
        try NexoOutcome.requireSuccess(response.response, "Login")
        return TerminalLogin(terminalTime: response.poiSystemData?.dateTime, status: response.poiSystemData?.poiStatus?.globalStatus ?? "OK")
    }

    public func settle() async throws(KioskError) -> TerminalSettlement {
        let reconciliation = NexoReconciliationRequest(reconciliationType: .saleReconciliation)
        let answer = try await gate.run { () throws(KioskError) in
            try await self.exchange(.reconciliation(reconciliation), serviceID: self.makeServiceID(), timeout: self.settings.requestTimeout)
        }
        guard case .reconciliation(let response) = answer else { throw Self.wrongBody(answer, expected: "ReconciliationResponse") }
        return try NexoOutcome.settlement(response)
    }

    public func diagnose() async throws(KioskError) -> TerminalDiagnosis {
        let diagnosis = NexoDiagnosisRequest(hostDiagnosisFlag: true)
        let answer = try await gate.run { () throws(KioskError) in
            try await self.exchange(.diagnosis(diagnosis), serviceID: self.makeServiceID(), timeout: self.settings.requestTimeout)
        }
        guard case .diagnosis(let response) = answer else { throw Self.wrongBody(answer, expected: "DiagnosisResponse") }
        try NexoOutcome.requireSuccess(response.response, "Diagnosis")
        return TerminalDiagnosis(status: response.poiStatus?.globalStatus ?? "OK",
                                 hostReachable: response.hostStatus.map { hosts in hosts.contains { $0.isReachableFlag != false } })
    }

    // MARK: One exchange

    func seal(_ body: NexoRequest.Body, serviceID: String) throws(KioskError) -> Data {
        let request = NexoRequest(body: body, serviceID: serviceID, saleID: settings.saleID, poiID: settings.poiID)
        do {
            return try settings.security.seal(try request.jsonData())
        } catch let error as NexoSecurityError {
            throw KioskError(.terminalCredentials, "cannot protect the \(body.key) for the terminal: \(error)")
        } catch {
            throw KioskError(.terminalRefused, "cannot encode the \(body.key): \(error)")
        }
    }

    /// Seals, sends, opens and matches the answer to the request.
    func exchange(_ body: NexoRequest.Body, serviceID: String, timeout: Duration) async throws(KioskError) -> NexoResponse.Body {
        let message = try seal(body, serviceID: serviceID)
        let answer = try await transport.post(message, timeout: timeout)
        let opened: Data
        do {
            opened = try settings.security.open(answer)
        } catch {
            // An unprotected or forged answer is never believed: the outcome is unknown.
            throw KioskError(.terminalMalformed, "the terminal's answer to the \(body.key) is not a protected message of the configured key: \(error)")
        }
        let response: NexoResponse
        do {
            response = try NexoResponse(jsonData: opened)
        } catch {
            throw KioskError(.terminalMalformed, "the terminal's answer to the \(body.key) is not a nexo response: \(error)")
        }
        let header = response.header
        guard header.messageCategory == body.messageCategory, header.serviceID == serviceID,
              header.saleID == settings.saleID, header.poiID == settings.poiID else {
            throw KioskError(.terminalMalformed, "the terminal answered another message (\(header.messageCategory.rawValue) \(header.serviceID ?? "-") "
                + "for \(header.saleID) from \(header.poiID)) than the \(body.key) \(serviceID)")
        }
        return response.body
    }

    static func wrongBody(_ body: NexoResponse.Body, expected: String) -> KioskError {
        KioskError(.terminalMalformed, "the terminal answered with a \(body.key), not a \(expected)")
    }
}
