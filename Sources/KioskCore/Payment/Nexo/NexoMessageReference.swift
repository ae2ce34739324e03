/// nexo `MessageReference`: names an earlier request by the `MessageHeader` it was sent with, to
/// abort it (`AbortRequest`) or to ask for its outcome (`TransactionStatusRequest`).
///
/// Sources: https://docs.adyen.com/api-explorer/terminal-api/1/post/abort ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/cancel-a-transaction ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status .
public struct NexoMessageReference: Codable, Sendable, Equatable {
    /// The category of the referenced request: Payment (the default for a status request) or
    /// Reversal; Adyen aborts Payment, CardAcquisition and Input.
    public var messageCategory: NexoMessageHeader.MessageCategory?
    /// The referenced request's `SaleID`.
    public var saleID: String?
    /// The referenced request's `ServiceID`.
    public var serviceID: String?
    public var deviceID: String?
    /// The referenced request's `POIID` (default: this message's).
    public var poiID: String?

    public init(
        messageCategory: NexoMessageHeader.MessageCategory?, saleID: String?, serviceID: String?,
        deviceID: String? = nil, poiID: String? = nil
    ) {
        self.messageCategory = messageCategory
        self.saleID = saleID
        self.serviceID = serviceID
        self.deviceID = deviceID
        self.poiID = poiID
    }

    /// The reference to the request sent with `header`.
    public init(referencing header: NexoMessageHeader, includingPOIID: Bool = false) {
        self.init(
            messageCategory: header.messageCategory, saleID: header.saleID, serviceID: header.serviceID,
            deviceID: header.deviceID, poiID: includingPOIID ? header.poiID : nil
        )
    }

    enum CodingKeys: String, CodingKey {
        case messageCategory = "MessageCategory"
        case saleID = "SaleID"
        case serviceID = "ServiceID"
        case deviceID = "DeviceID"
        case poiID = "POIID"
    }
}
