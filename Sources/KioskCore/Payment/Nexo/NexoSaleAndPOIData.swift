/// nexo `SaleData`: the sale system's side of a transaction, sent in Payment and Reversal requests
/// and echoed (`SaleTransactionID` at least) in their responses.
///
/// Sources: https://docs.adyen.com/api-explorer/terminal-api/1/post/payment (`SaleData`),
/// https://docs.adyen.com/point-of-sale/add-data (`SaleToAcquirerData`: URL-encoded key=value or
/// base64 JSON), https://docs.adyen.com/unified-commerce/referenced-refunds/refund-payment_1.json .
public struct NexoSaleData: Codable, Sendable, Equatable, CustomStringConvertible {
    public var saleTransactionID: NexoTransactionIdentifier
    /// Data for the acquirer (Adyen: metadata, tender options, shopper data…), URL-encoded or base64 JSON.
    public var saleToAcquirerData: String?
    /// "Customer" or "Transaction" (nexo `TokenRequestedType`).
    public var tokenRequestedType: String?
    public var operatorID: String?
    public var operatorLanguage: String?
    public var shiftNumber: String?
    public var saleReferenceID: String?

    public init(
        saleTransactionID: NexoTransactionIdentifier, saleToAcquirerData: String? = nil, tokenRequestedType: String? = nil,
        operatorID: String? = nil, operatorLanguage: String? = nil, shiftNumber: String? = nil, saleReferenceID: String? = nil
    ) {
        self.saleTransactionID = saleTransactionID
        self.saleToAcquirerData = saleToAcquirerData
        self.tokenRequestedType = tokenRequestedType
        self.operatorID = operatorID
        self.operatorLanguage = operatorLanguage
        self.shiftNumber = shiftNumber
        self.saleReferenceID = saleReferenceID
    }

    /// The transaction id only: `SaleToAcquirerData` may carry shopper data.
    public var description: String {
        "SaleData(\(saleTransactionID.transactionID) at \(saleTransactionID.timeStamp)"
            + (saleToAcquirerData == nil ? ")" : ", SaleToAcquirerData: \(saleToAcquirerData?.utf8.count ?? 0) bytes)")
    }

    enum CodingKeys: String, CodingKey {
        case saleTransactionID = "SaleTransactionID"
        case saleToAcquirerData = "SaleToAcquirerData"
        case tokenRequestedType = "TokenRequestedType"
        case operatorID = "OperatorID"
        case operatorLanguage = "OperatorLanguage"
        case shiftNumber = "ShiftNumber"
        case saleReferenceID = "SaleReferenceID"
    }
}

/// nexo `POIData`: the terminal's identification of a transaction, in Payment and Reversal responses.
///
/// `POIReconciliationID` is a DigitString in Adyen's examples (`"1000"`) and an integer in its
/// OpenAPI schema; both are accepted and kept as text.
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/paymentresponsenexo ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/payment (`POIData`, `POIReconciliationID` integer).
public struct NexoPOIData: Codable, Sendable, Equatable {
    public var poiTransactionID: NexoTransactionIdentifier
    /// The reconciliation period the transaction belongs to (present when `Result` is Success).
    public var poiReconciliationID: String?

    public init(poiTransactionID: NexoTransactionIdentifier, poiReconciliationID: String? = nil) {
        self.poiTransactionID = poiTransactionID
        self.poiReconciliationID = poiReconciliationID
    }

    enum CodingKeys: String, CodingKey {
        case poiTransactionID = "POITransactionID"
        case poiReconciliationID = "POIReconciliationID"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        poiTransactionID = try container.decode(NexoTransactionIdentifier.self, forKey: .poiTransactionID)
        poiReconciliationID = try container.decodeDigitsIfPresent(forKey: .poiReconciliationID)
    }
}
