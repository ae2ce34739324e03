import KioskCore

/// One region-year policy of a seed notice, read from its data file and validated.
/// Every rule carries `source`, a citation of the notice ("000_b5fc021d980b42dd.txt:20").
public struct RegionPolicy: Sendable {
    /// GB/T 2260 code of the region.
    public let region: String
    /// The insurance year the contributions are for.
    public let year: Int
    public let title: String
    public let source: String
    /// The day on which ages (周岁) are counted for categories and age groups; nil: the payment day.
    public let ageReference: CalendarDate?
    public let window: Window
    /// In file order; a person falls into the first category that matches.
    public let categories: [CategoryRule]
    public let groups: [GroupDefinition]
    /// Shown with every exemption, e.g. that the person must still register.
    public let exemptionNote: PolicyNote?
    public let renewal: RenewalRule?
    public let waitingPeriod: WaitingPeriodRule?
}

/// A sentence of plain Chinese for the resident, with its citation.
public struct PolicyNote: Sendable, Hashable {
    public let text: String
    public let source: String
}

extension RegionPolicy {
    /// Who is in a category: every condition that is set must hold.
    public struct CategoryRule: Sendable {
        public let id: String
        public let label: String
        public let source: String
        /// 周岁 on the policy's reference day, inclusive.
        public let minimumAge: Int?
        /// 周岁 on the policy's reference day, exclusive ("18 周岁以下" is under 18).
        public let underAge: Int?
        public let collegeStudent: Bool?
        public let inSchool: Bool?
        /// When set, this category cannot pay at the kiosk; the message says where to go.
        public let refusal: String?
        public let note: String?
        public let tiers: [Tier]

        func matches(_ subject: PolicySubject, age: Int) -> Bool {
            if let minimumAge, age < minimumAge { return false }
            if let underAge, age >= underAge { return false }
            if let collegeStudent, subject.isCollegeStudent != collegeStudent { return false }
            if let inSchool, subject.isInSchool != inSchool { return false }
            return true
        }
    }

    /// 一档 / 二档, or the single tier of most regions.
    public struct Tier: Sendable {
        public let id: String
        public let label: String
        /// The individual contribution: the sum of the included components.
        public let amount: Money
        public let components: [EnrollmentQuote.Component]
        public let source: String
    }

    /// An exemption or aid group (低保, 特困, …), or an age group such as 100 周岁以上.
    public struct GroupDefinition: Sendable {
        public let code: String
        public let label: String
        public let kind: Relief.Kind
        public let source: String
        /// The proof the resident must show, when the notice names one.
        public let certificate: String?
        /// Replaces the generated description of what the group gets.
        public let reliefDescription: String?
        public let note: String?
        /// Aid towards any tier (capped at the tier's amount).
        public let aid: Money?
        /// Tiers this group gets in full.
        public let fullTiers: Set<String>
        /// The tier offered first to members (e.g. 二档 when it is fully paid).
        public let defaultTier: String?
        /// The payment day must fall in this period for the relief to apply.
        public let validFrom: CalendarDate?
        public let validUntil: CalendarDate?
        /// Citation of the validity period, when the notice states it apart from the amount.
        public let validitySource: String?
        /// Everyone this old (周岁 on the reference day) is a member, registered or not.
        public let minimumAge: Int?

        func isValid(on day: CalendarDate) -> Bool {
            validFrom.map { day >= $0 } != false && validUntil.map { day <= $0 } != false
        }
    }

    /// Only people insured in `previousYear` may pay at the kiosk; others are sent to register.
    public struct RenewalRule: Sendable {
        public let previousYear: Int
        public let message: String
        public let source: String
    }

    /// Benefits start at once only for people who paid every one of `continuousYears` and pay
    /// this year by `payBy`; everyone else waits `months`.
    public struct WaitingPeriodRule: Sendable {
        public let continuousYears: [Int]
        public let payBy: CalendarDate
        public let months: Int
        public let source: String
    }
}
