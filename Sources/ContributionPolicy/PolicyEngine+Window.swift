import KioskCore

extension PolicyEngine {
    /// Centralized window first; then a newborn's own period; then what the policy allows after closing.
    static func windowStatus(_ policy: RegionPolicy, subject: PolicySubject, on today: CalendarDate) throws(PolicyRefusal) -> WindowStatus {
        let window = policy.window
        if today >= window.opens, today <= window.closes {
            return WindowStatus(phase: .centralized, opens: window.opens, closes: window.closes, source: window.source)
        }
        // Only babies born in the insurance year enroll for it as newborns.
        if let newborn = window.newborn, subject.birthDate.year == policy.year, today >= subject.birthDate,
           today <= newborn.lastDay(bornOn: subject.birthDate) {
            return WindowStatus(phase: .newborn, opens: subject.birthDate, closes: newborn.lastDay(bornOn: subject.birthDate), source: newborn.source)
        }
        let period = "\(ChineseText.date(window.opens))至\(ChineseText.date(window.closes))"
        if today < window.opens {
            throw PolicyRefusal(code: .windowNotOpen, message: "\(policy.year)年度居民医保集中缴费期为\(period)，尚未开始，请在缴费期内缴费", source: window.source)
        }
        let after = window.afterClose
        switch after.kind {
        case .midYear, .late:
            if let until = after.until, today <= until {
                return WindowStatus(phase: after.kind == .late ? .late : .midYear, opens: window.closes.adding(days: 1), closes: until, source: after.source)
            }
            let deadline = after.until.map(ChineseText.date) ?? ChineseText.date(window.closes)
            throw PolicyRefusal(code: .windowClosed, message: after.message ?? "\(policy.year)年度居民医保参保缴费已于\(deadline)截止", source: after.source)
        case .payElsewhere:
            throw PolicyRefusal(code: .windowClosedPayElsewhere, message: after.message ?? "本机缴费已截止，请到户籍所在地医保经办机构缴费", source: after.source)
        case .closed:
            throw PolicyRefusal(code: .windowClosed, message: after.message ?? "\(policy.year)年度居民医保集中缴费期（\(period)）已结束", source: after.source)
        }
    }
}
