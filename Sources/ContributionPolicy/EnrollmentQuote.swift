import KioskCore

/// What a person owes for a year under a region's policy, on a given day.
public struct EnrollmentQuote: Sendable, Hashable, Codable {
    public var region: String
    public var year: Int
    public var policyTitle: String
    public var category: Category
    public var tiers: [TierQuote]
    public var defaultTier: String
    public var relief: Relief?
    public var window: WindowStatus
    /// Plain Chinese for the resident, e.g. a benefit waiting period.
    public var notes: [String]

    public struct Category: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var source: String
    }

    public struct TierQuote: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        /// The individual contribution: the sum of the included components.
        public var amount: Money
        public var components: [Component]
        /// Aid or exemption applied at payment.
        public var relief: Money
        /// Extra borne by the resident (e.g. the fiscal subsidy for late mid-year enrollment).
        public var surcharge: Money
        public var due: Money
    }

    public struct Component: Sendable, Hashable, Codable {
        public var label: String
        public var amount: Money
        /// true: part of the individual amount; false: shown for information (e.g. fiscal subsidy).
        public var included: Bool
    }
}

public struct Relief: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case exemption
        case aid
        /// Paid in full now; the aid is credited to the resident's 一卡通 account the next month.
        case aidCreditedLater = "aid_credited_later"
    }

    public var kind: Kind
    public var groupCode: String
    public var label: String
    public var amountDescription: String
    public var source: String
}

public struct WindowStatus: Sendable, Hashable, Codable {
    public enum Phase: String, Sendable, Hashable, Codable {
        case centralized
        case midYear = "mid_year"
        case newborn
        case late
    }

    public var phase: Phase
    public var opens: CalendarDate?
    public var closes: CalendarDate?
    public var source: String
}

/// Why a person cannot pay now, in plain Chinese for the resident.
public struct PolicyRefusal: Error, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        case notEligible, windowNotOpen, windowClosedPayElsewhere, windowClosed
    }

    public let code: Code
    public let message: String
    public let source: String
}
