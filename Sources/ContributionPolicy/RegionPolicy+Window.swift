import KioskCore

extension RegionPolicy {
    /// The centralized payment window and what the policy allows outside it.
    public struct Window: Sendable {
        public let opens: CalendarDate
        public let closes: CalendarDate
        public let source: String
        public let afterClose: AfterClose
        public let surcharge: Surcharge?
        public let newborn: NewbornRule?
    }

    public struct AfterClose: Sendable {
        public enum Kind: String, Sendable, CaseIterable {
            /// Nothing more at the kiosk.
            case closed
            /// Payable, but elsewhere (e.g. at the village committee): the kiosk refuses and says where.
            case payElsewhere = "pay_elsewhere"
            /// Mid-year enrollment at the kiosk until `until`.
            case midYear = "mid_year"
            /// Late payment at the kiosk until `until`.
            case late
        }

        public let kind: Kind
        /// Last day payable at the kiosk (midYear, late).
        public let until: CalendarDate?
        /// Plain Chinese for a refusal; a generic sentence when nil.
        public let message: String?
        public let source: String
    }

    /// Extra borne by the resident who pays from `from` on, outside the centralized window.
    public struct Surcharge: Sendable {
        public let from: CalendarDate
        public let amount: Money
        public let label: String
        public let source: String
    }

    /// Newborns may enroll outside the window within a period from their birth.
    public struct NewbornRule: Sendable {
        public enum Period: Sendable, Hashable {
            case days(Int)
            case months(Int)
        }

        public let period: Period
        public let source: String

        /// "自出生之日起 N 天 / N 个月内": the day of birth is not counted (民法典 第二百零一条), and a
        /// period in months ends on the corresponding day, or the month's last day (第二百零二条).
        public func lastDay(bornOn birth: CalendarDate) -> CalendarDate {
            switch period {
            case .days(let days): birth.adding(days: days)
            case .months(let months): birth.adding(months: months)
            }
        }
    }
}
