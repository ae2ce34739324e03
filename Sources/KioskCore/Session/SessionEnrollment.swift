/// A person's enrollment for an insurance year, as the backend priced it.
public struct SessionEnrollment: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case payable
        case paid
        /// Registered; the contribution is paid by public funds.
        case exempt
        /// A payment for the person and year is still open (at any kiosk): no second payment.
        case paymentInProgress
        /// A value this kiosk does not know: the enrollment is refused as inconsistent.
        case unrecognized(String)
    }

    public var personRef: String
    public var year: Int
    public var region: String
    public var policyTitle: String
    public var status: Status
    public var categoryLabel: String
    public var tiers: [SessionTier]
    public var defaultTierID: String
    public var relief: SessionRelief?
    public var window: SessionWindow
    public var notes: [String]
    /// Set when `status` is `paid`.
    public var paidPaymentID: String?
    /// Set when `status` is `paymentInProgress`.
    public var openPaymentID: String?

    public init(
        personRef: String, year: Int, region: String, policyTitle: String, status: Status, categoryLabel: String,
        tiers: [SessionTier], defaultTierID: String, relief: SessionRelief? = nil, window: SessionWindow,
        notes: [String] = [], paidPaymentID: String? = nil, openPaymentID: String? = nil
    ) {
        self.personRef = personRef
        self.year = year
        self.region = region
        self.policyTitle = policyTitle
        self.status = status
        self.categoryLabel = categoryLabel
        self.tiers = tiers
        self.defaultTierID = defaultTierID
        self.relief = relief
        self.window = window
        self.notes = notes
        self.paidPaymentID = paidPaymentID
        self.openPaymentID = openPaymentID
    }

    public func tier(_ id: String) -> SessionTier? { tiers.first { $0.id == id } }
}

/// One contribution tier (一档 / 二档, or the single tier of most regions).
public struct SessionTier: Sendable, Hashable {
    public var id: String
    public var label: String
    public var amount: Money
    public var components: [AmountComponent]
    public var relief: Money
    public var surcharge: Money
    /// What the resident pays: amount − relief + surcharge.
    public var due: Money

    public init(id: String, label: String, amount: Money, components: [AmountComponent] = [], relief: Money = .zero, surcharge: Money = .zero, due: Money) {
        self.id = id
        self.label = label
        self.amount = amount
        self.components = components
        self.relief = relief
        self.surcharge = surcharge
        self.due = due
    }
}

/// A line of an amount's breakdown (e.g. 大病保险 20 included; 财政补助 shown for information).
public struct AmountComponent: Sendable, Hashable, Codable {
    public var label: String
    public var amount: Money
    /// true: part of the individual amount; false: shown for information (e.g. the fiscal subsidy).
    public var included: Bool

    public init(label: String, amount: Money, included: Bool) {
        self.label = label
        self.amount = amount
        self.included = included
    }
}

/// Exemption or aid the person receives.
public struct SessionRelief: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case exemption, aid, aidCreditedLater
    }

    public var kind: Kind
    public var label: String
    public var description: String

    public init(kind: Kind, label: String, description: String) {
        self.kind = kind
        self.label = label
        self.description = description
    }
}

/// The payment window the enrollment falls in.
public struct SessionWindow: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        case centralized, midYear, newborn, late
    }

    public var phase: Phase
    public var opens: CalendarDate?
    public var closes: CalendarDate?

    public init(phase: Phase, opens: CalendarDate? = nil, closes: CalendarDate? = nil) {
        self.phase = phase
        self.opens = opens
        self.closes = closes
    }
}
