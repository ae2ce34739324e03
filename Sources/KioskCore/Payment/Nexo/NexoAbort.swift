/// nexo `AbortRequest`: stop the request named by `MessageReference` (a payment the resident is
/// still at) before it is approved. The aborted payment then answers `Result` Failure,
/// `ErrorCondition` Aborted.
///
/// There is no AbortResponse type: the terminal answers an AbortRequest with HTTP 200 and an EMPTY
/// body ("A successful `AbortRequest` returns a response with a 200 OK HTTP status code and no
/// body", https://docs.adyen.com/api-explorer/terminal-api/1/post/abort). Whether the payment was
/// stopped is known only from its own response, or from a TransactionStatusRequest.
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/cancel-a-transaction ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/cancel-a-transaction/abortrequestnexo .
public struct NexoAbortRequest: Codable, Sendable, Equatable {
    /// Free text; Adyen's examples send "MerchantAbort" (`NexoAbortRequest.merchantAbort`).
    public var abortReason: String
    /// The request to abort: `MessageCategory` Payment (Adyen also aborts CardAcquisition and
    /// Input), its `SaleID` and `ServiceID`.
    public var messageReference: NexoMessageReference

    public init(abortReason: String = NexoAbortRequest.merchantAbort, messageReference: NexoMessageReference) {
        self.abortReason = abortReason
        self.messageReference = messageReference
    }

    /// The reason Adyen's documentation uses.
    public static let merchantAbort = "MerchantAbort"

    enum CodingKeys: String, CodingKey {
        case abortReason = "AbortReason"
        case messageReference = "MessageReference"
    }
}
