import Foundation

/// What the kiosk prints.
public enum ReceiptDocument: Sendable, Hashable {
    /// 社会保险费电子票据, as the backend issued it.
    case electronicReceipt(ElectronicReceipt)
    /// For exempt residents: their registration for the year, no payment.
    case registrationSlip(RegistrationSlip)
    /// Technicians' test print.
    case testPage(kioskID: String, printedAt: Date)
}

/// Every field of the backend's Receipt schema. Names and ID numbers are masked by the backend.
public struct ElectronicReceipt: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var label: String
        public var amount: Money
        public init(label: String, amount: Money) {
            self.label = label
            self.amount = amount
        }
    }

    public var title: String
    /// 票据代码 (8 digits)
    public var receiptCode: String
    /// 票据号码 (10 digits)
    public var receiptNumber: String
    /// 校验码
    public var checkCode: String
    public var payerMaskedName: String
    public var payerMaskedIDNumber: String
    public var items: [Item]
    public var total: Money
    /// 开票单位
    public var issuer: String
    public var issuedAt: Date
    public var paymentID: String
    public var kioskID: String
    public var channel: String?
    public var verificationURL: String
    /// A card payment: what the paper shows of it.
    public var card: CardOnReceipt?

    public init(
        title: String, receiptCode: String, receiptNumber: String, checkCode: String, payerMaskedName: String,
        payerMaskedIDNumber: String, items: [Item], total: Money, issuer: String, issuedAt: Date, paymentID: String,
        kioskID: String, channel: String?, verificationURL: String
    ) {
        self.title = title
        self.receiptCode = receiptCode
        self.receiptNumber = receiptNumber
        self.checkCode = checkCode
        self.payerMaskedName = payerMaskedName
        self.payerMaskedIDNumber = payerMaskedIDNumber
        self.items = items
        self.total = total
        self.issuer = issuer
        self.issuedAt = issuedAt
        self.paymentID = paymentID
        self.kioskID = kioskID
        self.channel = channel
        self.verificationURL = verificationURL
    }
}

/// A card payment on the receipt: 银行卡 ****1234, the approval code and the acquirer's reference.
public struct CardOnReceipt: Sendable, Hashable {
    /// Always "****" and four digits, whatever the backend sent (`CardApproval.masked`).
    public var maskedPAN: String
    public var authCode: String?
    public var reference: String?

    public init(maskedPAN: String, authCode: String?, reference: String?) {
        self.maskedPAN = CardApproval.masked(maskedPAN)
        self.authCode = authCode
        self.reference = reference
    }
}

/// 参保登记凭证 of an exempt resident: registered for the year, contribution paid by public funds.
public struct RegistrationSlip: Sendable, Hashable {
    public var maskedName: String
    public var maskedIDNumber: String?
    public var year: Int
    public var region: String
    public var policyTitle: String
    public var categoryLabel: String
    public var reliefLabel: String?
    public var reliefDescription: String?
    /// The tier registered in, when the resident chose one whose contribution aid covers in full.
    public var tierLabel: String?

    public init(
        maskedName: String, maskedIDNumber: String?, year: Int, region: String, policyTitle: String,
        categoryLabel: String, reliefLabel: String?, reliefDescription: String?, tierLabel: String? = nil
    ) {
        self.tierLabel = tierLabel
        self.maskedName = maskedName
        self.maskedIDNumber = maskedIDNumber
        self.year = year
        self.region = region
        self.policyTitle = policyTitle
        self.categoryLabel = categoryLabel
        self.reliefLabel = reliefLabel
        self.reliefDescription = reliefDescription
    }
}
