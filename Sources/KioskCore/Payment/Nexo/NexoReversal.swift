/// nexo `ReversalRequest`: give back (all of, or `ReversedAmount` of) an approved payment, named by
/// the terminal's `POITransactionID` exactly as the payment response gave it.
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/refund-payment/reversalrequestnexo ,
/// https://docs.adyen.com/unified-commerce/referenced-refunds/refund-payment_0.json and
/// refund-payment_1.json (partial, with `ReversedAmount` and `SaleData`),
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/reversal .
public struct NexoReversalRequest: Codable, Sendable, Equatable {
    public var originalPOITransaction: NexoOriginalPOITransaction
    public var reversalReason: NexoReversalReason
    /// Absent: the whole authorised amount.
    public var reversedAmount: Money?
    public var saleData: NexoSaleData?

    public init(
        originalPOITransaction: NexoOriginalPOITransaction, reversalReason: NexoReversalReason, reversedAmount: Money? = nil,
        saleData: NexoSaleData? = nil
    ) {
        self.originalPOITransaction = originalPOITransaction
        self.reversalReason = reversalReason
        self.reversedAmount = reversedAmount
        self.saleData = saleData
    }

    enum CodingKeys: String, CodingKey {
        case originalPOITransaction = "OriginalPOITransaction"
        case reversalReason = "ReversalReason"
        case reversedAmount = "ReversedAmount"
        case saleData = "SaleData"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        originalPOITransaction = try container.decode(NexoOriginalPOITransaction.self, forKey: .originalPOITransaction)
        reversalReason = try container.decode(NexoReversalReason.self, forKey: .reversalReason)
        reversedAmount = try container.decodeNexoAmountIfPresent(forKey: .reversedAmount)
        saleData = try container.decodeIfPresent(NexoSaleData.self, forKey: .saleData)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(originalPOITransaction, forKey: .originalPOITransaction)
        try container.encode(reversalReason, forKey: .reversalReason)
        try container.encodeNexoAmountIfPresent(reversedAmount, forKey: .reversedAmount)
        try container.encodeIfPresent(saleData, forKey: .saleData)
    }
}

/// nexo `OriginalPOITransaction`: the transaction a reversal refers to.
public struct NexoOriginalPOITransaction: Codable, Sendable, Equatable {
    public var saleID: String?
    public var poiID: String?
    /// The payment response's `POIData.POITransactionID`, unchanged.
    public var poiTransactionID: NexoTransactionIdentifier

    public init(saleID: String? = nil, poiID: String? = nil, poiTransactionID: NexoTransactionIdentifier) {
        self.saleID = saleID
        self.poiID = poiID
        self.poiTransactionID = poiTransactionID
    }

    enum CodingKeys: String, CodingKey {
        case saleID = "SaleID"
        case poiID = "POIID"
        case poiTransactionID = "POITransactionID"
    }
}

/// nexo `ReversalReason` (Adyen's `ReversalReasonType`).
public enum NexoReversalReason: String, Codable, Sendable, CaseIterable {
    case merchantCancel = "MerchantCancel"
    case custCancel = "CustCancel"
    case malfunction = "Malfunction"
    case unable2Compl = "Unable2Compl"
}

/// nexo `ReversalResponse`, read for what the kiosk needs (`PaymentReceipt` is ignored).
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/refund-payment/reversalresponsenexo ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/reversal (responses).
public struct NexoReversalResponse: Codable, Sendable, Equatable {
    public var response: NexoResult
    /// The reversal's own transaction at the terminal.
    public var poiData: NexoPOIData?
    public var originalPOITransaction: NexoOriginalPOITransaction?
    public var reversedAmount: Money?

    public init(
        response: NexoResult, poiData: NexoPOIData? = nil, originalPOITransaction: NexoOriginalPOITransaction? = nil,
        reversedAmount: Money? = nil
    ) {
        self.response = response
        self.poiData = poiData
        self.originalPOITransaction = originalPOITransaction
        self.reversedAmount = reversedAmount
    }

    enum CodingKeys: String, CodingKey {
        case response = "Response"
        case poiData = "POIData"
        case originalPOITransaction = "OriginalPOITransaction"
        case reversedAmount = "ReversedAmount"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        response = try container.decode(NexoResult.self, forKey: .response)
        poiData = try container.decodeIfPresent(NexoPOIData.self, forKey: .poiData)
        originalPOITransaction = try container.decodeIfPresent(NexoOriginalPOITransaction.self, forKey: .originalPOITransaction)
        reversedAmount = try container.decodeNexoAmountIfPresent(forKey: .reversedAmount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(response, forKey: .response)
        try container.encodeIfPresent(poiData, forKey: .poiData)
        try container.encodeIfPresent(originalPOITransaction, forKey: .originalPOITransaction)
        try container.encodeNexoAmountIfPresent(reversedAmount, forKey: .reversedAmount)
    }
}
