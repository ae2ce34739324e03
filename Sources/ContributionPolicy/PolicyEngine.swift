import KioskCore

/// Evaluates any region-year policy for a person on a day. All regional differences live in the data files.
public enum PolicyEngine {
    public static func quote(_ policy: RegionPolicy, for subject: PolicySubject, on today: CalendarDate) throws(PolicyRefusal) -> EnrollmentQuote {
        let age = subject.birthDate.age(on: today)
        guard let category = policy.categories.first(where: { $0.matches(subject, age: age) }) else {
            throw PolicyRefusal(code: .notEligible, message: "您不在本地居民医保\(policy.year)年度的参保缴费范围内，请到社区（村）劳动保障服务站咨询", source: policy.source)
        }
        if let refusal = category.refusal {
            throw PolicyRefusal(code: .notEligible, message: refusal, source: category.source)
        }
        let window = try windowStatus(policy, subject: subject, on: today)
        let surcharge = window.phase == .midYear && policy.window.surchargeFrom.map({ today >= $0 }) == true ? policy.window.surcharge : .zero
        let (reliefs, relief) = bestRelief(policy, category: category, subject: subject, age: age, on: today)
        let tiers = category.tiers.map { tier in
            let applied = reliefs[tier.id] ?? .zero
            return EnrollmentQuote.TierQuote(
                id: tier.id, label: tier.label, amount: tier.amount, components: tier.components,
                relief: applied, surcharge: surcharge, due: (tier.amount - applied).clamped(min: .zero) + surcharge
            )
        }
        var notes: [String] = []
        if surcharge > .zero, let label = policy.window.surchargeLabel { notes.append(label) }
        if let relief, relief.kind == .aidCreditedLater { notes.append(relief.amountDescription) }
        if let benefits = policy.benefits, !(benefits.continuousYears.allSatisfy(subject.paidYears.contains) && today <= benefits.payBy) {
            notes.append(benefits.waitingNote)
        }
        return EnrollmentQuote(
            region: policy.region, year: policy.year, policyTitle: policy.title,
            category: .init(id: category.id, label: category.label, source: category.source),
            tiers: tiers, defaultTier: category.tiers.first?.id ?? "", relief: relief, window: window, notes: notes
        )
    }

    static func windowStatus(_ policy: RegionPolicy, subject: PolicySubject, on today: CalendarDate) throws(PolicyRefusal) -> WindowStatus {
        let window = policy.window
        if today >= window.opens, today <= window.closes {
            return WindowStatus(phase: .centralized, opens: window.opens, closes: window.closes, source: window.source)
        }
        if let newbornUntil = newbornDeadline(window, birth: subject.birthDate), today >= subject.birthDate, today <= newbornUntil,
           subject.birthDate.year <= policy.year, today.year <= policy.year {
            return WindowStatus(phase: .newborn, opens: subject.birthDate, closes: newbornUntil, source: window.newbornSource ?? window.source)
        }
        if today < window.opens {
            throw PolicyRefusal(code: .windowNotOpen, message: "\(policy.year)年度居民医保缴费期为\(chinese(window.opens))至\(chinese(window.closes))，请到时再来缴费", source: window.source)
        }
        switch window.afterClose {
        case .midYear:
            if let until = window.midYearUntil, today <= until {
                return WindowStatus(phase: .midYear, opens: window.closes.adding(days: 1), closes: until, source: window.surchargeSource ?? window.source)
            }
            throw PolicyRefusal(code: .windowClosed, message: "\(policy.year)年度居民医保参保缴费已截止", source: window.source)
        case .payElsewhere:
            throw PolicyRefusal(code: .windowClosedPayElsewhere, message: window.afterCloseMessage ?? "自助缴费已截止", source: window.source)
        case .closed:
            throw PolicyRefusal(code: .windowClosed, message: "\(policy.year)年度居民医保缴费期（\(chinese(window.opens))至\(chinese(window.closes))）已结束", source: window.source)
        }
    }

    static func newbornDeadline(_ window: RegionPolicy.Window, birth: CalendarDate) -> CalendarDate? {
        if let days = window.newbornDays { return birth.adding(days: days - 1) }
        if let months = window.newbornMonths { return birth.adding(months: months).adding(days: -1) }
        return nil
    }

    /// 就高不就低: of every group the person is in, the one that relieves the most, never a sum.
    static func bestRelief(_ policy: RegionPolicy, category: RegionPolicy.CategoryRule, subject: PolicySubject, age: Int, on today: CalendarDate) -> ([String: Money], Relief?) {
        let applicable = policy.groups.filter { group in
            let member = subject.groups.contains(group.code) || group.minimumAge.map { age >= $0 } == true
            let valid = group.validFrom.map { today >= $0 } != false && group.validUntil.map { today <= $0 } != false
            return member && valid
        }
        guard let defaultTier = category.tiers.first else { return ([:], nil) }
        func reliefs(_ group: RegionPolicy.GroupDefinition) -> [String: Money] {
            Dictionary(uniqueKeysWithValues: category.tiers.map { tier in
                switch group.kind {
                case .exemption: return (tier.id, tier.amount)
                case .aidCreditedLater: return (tier.id, .zero)
                case .aid:
                    if group.fullTiers.contains(tier.id) { return (tier.id, tier.amount) }
                    return (tier.id, min(group.aid ?? .zero, tier.amount))
                }
            })
        }
        let ranked = applicable.map { ($0, reliefs($0)) }.max { a, b in
            (a.1[defaultTier.id] ?? .zero, a.1.values.reduce(.zero, +)) < (b.1[defaultTier.id] ?? .zero, b.1.values.reduce(.zero, +))
        }
        guard let (group, amounts) = ranked else { return ([:], nil) }
        let description: String
        switch group.kind {
        case .exemption: description = "\(group.label)：个人缴费由财政全额补助，无需缴费"
        case .aidCreditedLater: description = "\(group.label)：请先全额缴费，资助资金于次月划入本人一卡通账户"
        case .aid:
            description = group.fullTiers.isEmpty
                ? "\(group.label)：资助 \(group.aid?.yuanText ?? "0") 元"
                : "\(group.label)：全额资助参加\(category.tiers.filter { group.fullTiers.contains($0.id) }.map(\.label).joined(separator: "、"))"
        }
        return (amounts, Relief(kind: group.kind, groupCode: group.code, label: group.label, amountDescription: description, source: group.source))
    }

    static func chinese(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }
}
