/// nexo `ReconciliationRequest`: close the terminal's current reconciliation period and get its
/// totals (`SaleReconciliation`), or fetch the totals of an earlier one (`PreviousReconciliation`
/// with its `POIReconciliationID`). Adyen requires a Login first.
///
/// Sources: https://docs.adyen.com/point-of-sale/reconciling-totals/reconcile-a-balance-mismatch ,
/// https://docs.adyen.com/point-of-sale/reconciling-totals/reconcile-a-balance-mismatch/reconciliationrequestnexo ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/reconciliation .
public struct NexoReconciliationRequest: Codable, Sendable, Equatable {
    public var reconciliationType: NexoReconciliationType
    /// Only with `PreviousReconciliation`. Sent as a string of digits (Adyen's docs write
    /// `"POIReconciliationID":"NNN"`; its OpenAPI schema says integer).
    public var poiReconciliationID: String?

    public init(reconciliationType: NexoReconciliationType, poiReconciliationID: String? = nil) {
        self.reconciliationType = reconciliationType
        self.poiReconciliationID = poiReconciliationID
    }

    enum CodingKeys: String, CodingKey {
        case reconciliationType = "ReconciliationType"
        case poiReconciliationID = "POIReconciliationID"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reconciliationType = try container.decode(NexoReconciliationType.self, forKey: .reconciliationType)
        poiReconciliationID = try container.decodeDigitsIfPresent(forKey: .poiReconciliationID)
    }
}

/// nexo `ReconciliationType`.
public enum NexoReconciliationType: String, Codable, Sendable, CaseIterable {
    case saleReconciliation = "SaleReconciliation"
    case acquirerSynchronisation = "AcquirerSynchronisation"
    case acquirerReconciliation = "AcquirerReconciliation"
    case previousReconciliation = "PreviousReconciliation"
}

/// nexo `ReconciliationResponse`.
///
/// Source: https://docs.adyen.com/point-of-sale/reconciling-totals/reconcile-a-balance-mismatch/reconciliationresponsenexo
/// (`POIReconciliationID` "1007", `TransactionTotals`).
public struct NexoReconciliationResponse: Codable, Sendable, Equatable {
    public var response: NexoResult
    public var reconciliationType: NexoReconciliationType
    /// The closed period (string or integer on the wire).
    public var poiReconciliationID: String?
    /// Present when `Response.Result` is Success.
    public var transactionTotals: [NexoTransactionTotals]?

    public init(
        response: NexoResult, reconciliationType: NexoReconciliationType, poiReconciliationID: String? = nil,
        transactionTotals: [NexoTransactionTotals]? = nil
    ) {
        self.response = response
        self.reconciliationType = reconciliationType
        self.poiReconciliationID = poiReconciliationID
        self.transactionTotals = transactionTotals
    }

    enum CodingKeys: String, CodingKey {
        case response = "Response"
        case reconciliationType = "ReconciliationType"
        case poiReconciliationID = "POIReconciliationID"
        case transactionTotals = "TransactionTotals"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        response = try container.decode(NexoResult.self, forKey: .response)
        reconciliationType = try container.decode(NexoReconciliationType.self, forKey: .reconciliationType)
        poiReconciliationID = try container.decodeDigitsIfPresent(forKey: .poiReconciliationID)
        transactionTotals = try container.decodeIfPresent([NexoTransactionTotals].self, forKey: .transactionTotals)
    }
}

/// nexo `TransactionTotals`: totals of one group (instrument, acquirer, brand, currency…).
public struct NexoTransactionTotals: Codable, Sendable, Equatable {
    /// "Card", "Cash", "Check", "Mobile", "StoredValue".
    public var paymentInstrumentType: String?
    public var acquirerID: String?
    public var cardBrand: String?
    public var totalsGroupID: String?
    public var paymentCurrency: String?
    public var paymentTotals: [NexoPaymentTotals]?

    public init(
        paymentInstrumentType: String? = nil, acquirerID: String? = nil, cardBrand: String? = nil, totalsGroupID: String? = nil,
        paymentCurrency: String? = nil, paymentTotals: [NexoPaymentTotals]? = nil
    ) {
        self.paymentInstrumentType = paymentInstrumentType
        self.acquirerID = acquirerID
        self.cardBrand = cardBrand
        self.totalsGroupID = totalsGroupID
        self.paymentCurrency = paymentCurrency
        self.paymentTotals = paymentTotals
    }

    enum CodingKeys: String, CodingKey {
        case paymentInstrumentType = "PaymentInstrumentType"
        case acquirerID = "AcquirerID"
        case cardBrand = "CardBrand"
        case totalsGroupID = "TotalsGroupID"
        case paymentCurrency = "PaymentCurrency"
        case paymentTotals = "PaymentTotals"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paymentInstrumentType = try container.decodeIfPresent(String.self, forKey: .paymentInstrumentType)
        acquirerID = try container.decodeDigitsIfPresent(forKey: .acquirerID)
        cardBrand = try container.decodeIfPresent(String.self, forKey: .cardBrand)
        totalsGroupID = try container.decodeIfPresent(String.self, forKey: .totalsGroupID)
        paymentCurrency = try container.decodeIfPresent(String.self, forKey: .paymentCurrency)
        paymentTotals = try container.decodeIfPresent([NexoPaymentTotals].self, forKey: .paymentTotals)
    }
}

/// nexo `PaymentTotals`: count and amount of one transaction type.
public struct NexoPaymentTotals: Codable, Sendable, Equatable {
    /// nexo `TransactionType`: "Debit", "Credit", "ReverseDebit", "ReverseCredit"…
    public var transactionType: String
    public var transactionCount: Int
    public var transactionAmount: Money

    public init(transactionType: String, transactionCount: Int, transactionAmount: Money) {
        self.transactionType = transactionType
        self.transactionCount = transactionCount
        self.transactionAmount = transactionAmount
    }

    enum CodingKeys: String, CodingKey {
        case transactionType = "TransactionType"
        case transactionCount = "TransactionCount"
        case transactionAmount = "TransactionAmount"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transactionType = try container.decode(String.self, forKey: .transactionType)
        transactionCount = try container.decodeLenientInt(forKey: .transactionCount)
        transactionAmount = try container.decodeNexoAmount(forKey: .transactionAmount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transactionType, forKey: .transactionType)
        try container.encode(transactionCount, forKey: .transactionCount)
        try container.encodeNexoAmount(transactionAmount, forKey: .transactionAmount)
    }
}
