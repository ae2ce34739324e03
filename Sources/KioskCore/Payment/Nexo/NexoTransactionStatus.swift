/// nexo `TransactionStatusRequest`: asks for the outcome of an earlier Payment or Reversal, named by
/// its `MessageReference` (without one, the terminal's most recent transaction). The only safe way
/// to settle a payment whose response was lost: never send the payment again.
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status/transactionstatusrequestnexo ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/transactionstatus .
public struct NexoTransactionStatusRequest: Codable, Sendable, Equatable {
    public var messageReference: NexoMessageReference?
    /// Ask for the receipts again (with `documentQualifier`).
    public var receiptReprintFlag: Bool?
    public var documentQualifier: [NexoDocumentQualifier]?

    public init(
        messageReference: NexoMessageReference?, receiptReprintFlag: Bool? = nil, documentQualifier: [NexoDocumentQualifier]? = nil
    ) {
        self.messageReference = messageReference
        self.receiptReprintFlag = receiptReprintFlag
        self.documentQualifier = documentQualifier
    }

    enum CodingKeys: String, CodingKey {
        case messageReference = "MessageReference"
        case receiptReprintFlag = "ReceiptReprintFlag"
        case documentQualifier = "DocumentQualifier"
    }
}

/// nexo `DocumentQualifier`.
public enum NexoDocumentQualifier: String, Codable, Sendable, CaseIterable {
    case cashierReceipt = "CashierReceipt"
    case customerReceipt = "CustomerReceipt"
    case document = "Document"
    case journal = "Journal"
    case saleReceipt = "SaleReceipt"
    case voucher = "Voucher"
}

/// nexo `TransactionStatusResponse`.
///
/// - `Response.Result` Success: the transaction reached an end state, and its own response is in
///   `RepeatedMessageResponse.RepeatedResponseMessageBody` (whose `Response` says approved, declined
///   or cancelled);
/// - Failure + InProgress: still running (ask again; the terminal paces the answers);
/// - Failure + NotFound: the terminal never got the request.
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status/transactionstatusresponseprocessedtransactionnexo .
public struct NexoTransactionStatusResponse: Codable, Sendable, Equatable {
    public var response: NexoResult
    public var messageReference: NexoMessageReference?
    public var repeatedMessageResponse: NexoRepeatedMessageResponse?

    public init(
        response: NexoResult, messageReference: NexoMessageReference? = nil, repeatedMessageResponse: NexoRepeatedMessageResponse? = nil
    ) {
        self.response = response
        self.messageReference = messageReference
        self.repeatedMessageResponse = repeatedMessageResponse
    }

    enum CodingKeys: String, CodingKey {
        case response = "Response"
        case messageReference = "MessageReference"
        case repeatedMessageResponse = "RepeatedMessageResponse"
    }
}

/// nexo `RepeatedMessageResponse`: the original response, with the header it was sent with.
public struct NexoRepeatedMessageResponse: Codable, Sendable, Equatable {
    /// The original response's header (category Payment or Reversal, type Response). Adyen's docs
    /// show it; some of its own library fixtures leave it out.
    public var messageHeader: NexoMessageHeader?
    public var repeatedResponseMessageBody: NexoRepeatedResponseMessageBody

    public init(messageHeader: NexoMessageHeader?, repeatedResponseMessageBody: NexoRepeatedResponseMessageBody) {
        self.messageHeader = messageHeader
        self.repeatedResponseMessageBody = repeatedResponseMessageBody
    }

    enum CodingKeys: String, CodingKey {
        case messageHeader = "MessageHeader"
        case repeatedResponseMessageBody = "RepeatedResponseMessageBody"
    }
}

/// nexo `RepeatedResponseMessageBody`: one of the original responses (others, such as
/// `StoredValueResponse`, are ignored).
public struct NexoRepeatedResponseMessageBody: Codable, Sendable, Equatable {
    public var paymentResponse: NexoPaymentResponse?
    public var reversalResponse: NexoReversalResponse?

    public init(paymentResponse: NexoPaymentResponse? = nil, reversalResponse: NexoReversalResponse? = nil) {
        self.paymentResponse = paymentResponse
        self.reversalResponse = reversalResponse
    }

    enum CodingKeys: String, CodingKey {
        case paymentResponse = "PaymentResponse"
        case reversalResponse = "ReversalResponse"
    }
}
