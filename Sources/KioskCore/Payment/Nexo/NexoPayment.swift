/// nexo `PaymentRequest`: take `PaymentTransaction.AmountsReq.RequestedAmount` from a card.
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/paymentrequestnexo ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/payment .
public struct NexoPaymentRequest: Codable, Sendable, Equatable {
    public var saleData: NexoSaleData
    public var paymentTransaction: NexoPaymentTransaction

    public init(saleData: NexoSaleData, paymentTransaction: NexoPaymentTransaction) {
        self.saleData = saleData
        self.paymentTransaction = paymentTransaction
    }

    enum CodingKeys: String, CodingKey {
        case saleData = "SaleData"
        case paymentTransaction = "PaymentTransaction"
    }
}

/// nexo `PaymentTransaction` of a `PaymentRequest`.
public struct NexoPaymentTransaction: Codable, Sendable, Equatable {
    public var amountsReq: NexoAmountsReq
    public var transactionConditions: NexoTransactionConditions?

    public init(amountsReq: NexoAmountsReq, transactionConditions: NexoTransactionConditions? = nil) {
        self.amountsReq = amountsReq
        self.transactionConditions = transactionConditions
    }

    enum CodingKeys: String, CodingKey {
        case amountsReq = "AmountsReq"
        case transactionConditions = "TransactionConditions"
    }
}

/// nexo `AmountsReq`: what to charge. `RequestedAmount` is a decimal number of major units (`10.99`),
/// held here as `Money` (see `NexoAmount`).
public struct NexoAmountsReq: Codable, Sendable, Equatable {
    /// ISO 4217, e.g. "CNY" (Adyen's examples use "EUR").
    public var currency: String
    public var requestedAmount: Money

    public init(currency: String, requestedAmount: Money) {
        self.currency = currency
        self.requestedAmount = requestedAmount
    }

    enum CodingKeys: String, CodingKey {
        case currency = "Currency"
        case requestedAmount = "RequestedAmount"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        currency = try container.decode(String.self, forKey: .currency)
        requestedAmount = try container.decodeNexoAmount(forKey: .requestedAmount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currency, forKey: .currency)
        try container.encodeNexoAmount(requestedAmount, forKey: .requestedAmount)
    }
}

/// nexo `TransactionConditions` (an empty object is allowed).
///
/// Source: https://docs.adyen.com/point-of-sale/enter-payment-manually (`ForceEntryMode` ["Keyed"]).
public struct NexoTransactionConditions: Codable, Sendable, Equatable {
    /// nexo `ForceEntryMode` values: "Keyed", "Manual", "MagStripe", "ICC", "Contactless"…
    public var forceEntryMode: [String]?
    /// Brands the terminal may accept, e.g. ["mc", "visa"].
    public var allowedPaymentBrand: [String]?

    public init(forceEntryMode: [String]? = nil, allowedPaymentBrand: [String]? = nil) {
        self.forceEntryMode = forceEntryMode
        self.allowedPaymentBrand = allowedPaymentBrand
    }

    enum CodingKeys: String, CodingKey {
        case forceEntryMode = "ForceEntryMode"
        case allowedPaymentBrand = "AllowedPaymentBrand"
    }
}

/// nexo `PaymentResponse`, read for what the kiosk needs; other fields (`PaymentReceipt`,
/// `LoyaltyResult`, `CurrencyConversion`…) are ignored.
///
/// Every field but `Response` is optional here: a declined or cancelled payment leaves
/// `PaymentResult` partial (`CardData` may be `{}`), and a terminal that could not start leaves the
/// rest out. An approval (`Response.Result` Success) should carry `POIData` and
/// `PaymentResult.AmountsResp.AuthorizedAmount`; the consumer checks.
///
/// Sources: https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/paymentresponsenexo ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/payment (responses),
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status (an aborted payment).
public struct NexoPaymentResponse: Codable, Sendable, Equatable {
    public var response: NexoResult
    public var saleData: NexoSaleData?
    public var poiData: NexoPOIData?
    public var paymentResult: NexoPaymentResult?

    public init(response: NexoResult, saleData: NexoSaleData? = nil, poiData: NexoPOIData? = nil, paymentResult: NexoPaymentResult? = nil) {
        self.response = response
        self.saleData = saleData
        self.poiData = poiData
        self.paymentResult = paymentResult
    }

    enum CodingKeys: String, CodingKey {
        case response = "Response"
        case saleData = "SaleData"
        case poiData = "POIData"
        case paymentResult = "PaymentResult"
    }
}

/// nexo `PaymentResult`.
public struct NexoPaymentResult: Codable, Sendable, Equatable {
    public var paymentInstrumentData: NexoPaymentInstrumentData?
    public var amountsResp: NexoAmountsResp?
    public var paymentAcquirerData: NexoPaymentAcquirerData?
    /// Whether the acquirer was reached (false: approved offline).
    public var onlineFlag: Bool?

    public init(
        paymentInstrumentData: NexoPaymentInstrumentData? = nil, amountsResp: NexoAmountsResp? = nil,
        paymentAcquirerData: NexoPaymentAcquirerData? = nil, onlineFlag: Bool? = nil
    ) {
        self.paymentInstrumentData = paymentInstrumentData
        self.amountsResp = amountsResp
        self.paymentAcquirerData = paymentAcquirerData
        self.onlineFlag = onlineFlag
    }

    enum CodingKeys: String, CodingKey {
        case paymentInstrumentData = "PaymentInstrumentData"
        case amountsResp = "AmountsResp"
        case paymentAcquirerData = "PaymentAcquirerData"
        case onlineFlag = "OnlineFlag"
    }
}

/// nexo `PaymentInstrumentData`.
public struct NexoPaymentInstrumentData: Codable, Sendable, Equatable {
    /// "Card", "Mobile", "StoredValue"…
    public var paymentInstrumentType: String?
    public var cardData: NexoCardData?

    public init(paymentInstrumentType: String? = nil, cardData: NexoCardData? = nil) {
        self.paymentInstrumentType = paymentInstrumentType
        self.cardData = cardData
    }

    enum CodingKeys: String, CodingKey {
        case paymentInstrumentType = "PaymentInstrumentType"
        case cardData = "CardData"
    }
}

/// nexo `CardData` of a payment response. Adyen spells the masked PAN `MaskedPan` (nexo: MaskedPAN).
public struct NexoCardData: Codable, Sendable, Equatable, CustomStringConvertible {
    /// First six and last four digits, e.g. "411111 **** 1111".
    public var maskedPan: String?
    /// Adyen's payment method variant, e.g. "mc", "visa".
    public var paymentBrand: String?
    /// nexo `EntryMode`: "ICC", "Contactless", "Tapped", "MagStripe", "Keyed"…
    public var entryMode: [String]?

    public init(maskedPan: String? = nil, paymentBrand: String? = nil, entryMode: [String]? = nil) {
        self.maskedPan = maskedPan
        self.paymentBrand = paymentBrand
        self.entryMode = entryMode
    }

    /// Brand and entry mode only, never the masked PAN.
    public var description: String {
        "CardData(brand: \(paymentBrand ?? "-"), entry: \((entryMode ?? []).joined(separator: ",")), pan: \(maskedPan == nil ? "absent" : "redacted"))"
    }

    enum CodingKeys: String, CodingKey {
        case maskedPan = "MaskedPan"
        case paymentBrand = "PaymentBrand"
        case entryMode = "EntryMode"
    }
}

/// nexo `AmountsResp`: what the acquirer approved.
public struct NexoAmountsResp: Codable, Sendable, Equatable {
    public var currency: String?
    /// The approved amount (major units on the wire, `Money` here).
    public var authorizedAmount: Money?

    public init(currency: String?, authorizedAmount: Money?) {
        self.currency = currency
        self.authorizedAmount = authorizedAmount
    }

    enum CodingKeys: String, CodingKey {
        case currency = "Currency"
        case authorizedAmount = "AuthorizedAmount"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        authorizedAmount = try container.decodeNexoAmountIfPresent(forKey: .authorizedAmount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(currency, forKey: .currency)
        try container.encodeNexoAmountIfPresent(authorizedAmount, forKey: .authorizedAmount)
    }
}

/// nexo `PaymentAcquirerData`.
public struct NexoPaymentAcquirerData: Codable, Sendable, Equatable {
    /// The acquirer's transaction (Adyen: the PSP reference as `TransactionID`).
    public var acquirerTransactionID: NexoTransactionIdentifier?
    /// The issuer's authorisation code, if any.
    public var approvalCode: String?
    /// The merchant account at the acquirer.
    public var merchantID: String?
    /// The terminal as the acquirer knows it.
    public var acquirerPOIID: String?

    public init(
        acquirerTransactionID: NexoTransactionIdentifier? = nil, approvalCode: String? = nil, merchantID: String? = nil,
        acquirerPOIID: String? = nil
    ) {
        self.acquirerTransactionID = acquirerTransactionID
        self.approvalCode = approvalCode
        self.merchantID = merchantID
        self.acquirerPOIID = acquirerPOIID
    }

    enum CodingKeys: String, CodingKey {
        case acquirerTransactionID = "AcquirerTransactionID"
        case approvalCode = "ApprovalCode"
        case merchantID = "MerchantID"
        case acquirerPOIID = "AcquirerPOIID"
    }
}
