import KioskCore

/// One region-year policy of a seed notice, validated.
public struct RegionPolicy: Sendable {
    public let region: String
    public let year: Int
    public let title: String
    public let source: String
    public let window: Window
    public let categories: [CategoryRule]
    public let groups: [GroupDefinition]
    public let benefits: BenefitRule?

    public struct Window: Sendable {
        public enum AfterClose: String, Sendable { case closed, payElsewhere = "pay_elsewhere", midYear = "mid_year" }
        public let opens: CalendarDate
        public let closes: CalendarDate
        public let source: String
        public let afterClose: AfterClose
        public let afterCloseMessage: String?
        public let midYearUntil: CalendarDate?
        public let surchargeFrom: CalendarDate?
        public let surcharge: Money
        public let surchargeLabel: String?
        public let surchargeSource: String?
        public let newbornDays: Int?
        public let newbornMonths: Int?
        public let newbornSource: String?
    }

    public struct CategoryRule: Sendable {
        public let id: String
        public let label: String
        public let source: String
        public let minimumAge: Int?
        public let maximumAge: Int?
        public let collegeStudent: Bool?
        public let inSchool: Bool?
        public let refusal: String?
        public let tiers: [Tier]

        func matches(_ subject: PolicySubject, age: Int) -> Bool {
            if let minimumAge, age < minimumAge { return false }
            if let maximumAge, age >= maximumAge { return false }
            if let collegeStudent, subject.isCollegeStudent != collegeStudent { return false }
            if let inSchool, subject.isInSchool != inSchool { return false }
            return true
        }
    }

    public struct Tier: Sendable {
        public let id: String
        public let label: String
        public let components: [EnrollmentQuote.Component]
        public var amount: Money { components.filter(\.included).map(\.amount).reduce(.zero, +) }
    }

    public struct GroupDefinition: Sendable {
        public let code: String
        public let label: String
        public let kind: Relief.Kind
        public let source: String
        public let aid: Money?
        public let fullTiers: Set<String>
        public let validFrom: CalendarDate?
        public let validUntil: CalendarDate?
        public let minimumAge: Int?
    }

    public struct BenefitRule: Sendable {
        public let continuousYears: [Int]
        public let payBy: CalendarDate
        public let waitingNote: String
        public let source: String
    }
}
