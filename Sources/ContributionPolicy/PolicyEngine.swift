import KioskCore

/// Evaluates any region-year policy for a person on a day. All regional differences live in the
/// data files; the payment day is a parameter, the engine never reads the clock.
public enum PolicyEngine {
    public static func quote(_ policy: RegionPolicy, for subject: PolicySubject, on today: CalendarDate) throws(PolicyRefusal) -> EnrollmentQuote {
        let age = subject.birthDate.age(on: policy.ageReference ?? today)
        guard let category = policy.categories.first(where: { $0.matches(subject, age: age) }) else {
            throw PolicyRefusal(code: .notEligible, message: "您不在\(policy.title)的参保缴费范围内，请到户籍所在地医保经办机构咨询", source: policy.source)
        }
        if let refusal = category.refusal {
            throw PolicyRefusal(code: .notEligible, message: refusal + priceSentence(category.tiers), source: category.source)
        }
        let window = try windowStatus(policy, subject: subject, on: today)
        let reliefs = ReliefChoice.evaluate(policy, category: category, subject: subject, age: age, on: today)
        if let renewal = policy.renewal, window.phase != .newborn, reliefs.chosen?.group.kind != .exemption,
           !subject.paidYears.contains(renewal.previousYear) {
            throw PolicyRefusal(code: .notEligible, message: renewal.message, source: renewal.source)
        }
        let surcharge = surcharge(policy.window, phase: window.phase, on: today)
        let tiers = category.tiers.map { tier in
            let relief = reliefs.chosen?.amounts[tier.id] ?? .zero
            return EnrollmentQuote.TierQuote(
                id: tier.id, label: tier.label, amount: tier.amount, components: tier.components,
                relief: relief, surcharge: surcharge?.amount ?? .zero, due: (tier.amount - relief).clamped(min: .zero) + (surcharge?.amount ?? .zero)
            )
        }
        let offered = reliefs.chosen?.group.defaultTier.flatMap { id in category.tiers.first { $0.id == id } } ?? category.tiers.first
        var notes = [category.note, surcharge?.label].compactMap { $0 }
        notes += reliefs.notes(policy)
        if let waiting = policy.waitingPeriod, let note = waitingNote(waiting, subject: subject, on: today) { notes.append(note) }
        return EnrollmentQuote(
            region: policy.region, year: policy.year, policyTitle: policy.title,
            category: .init(id: category.id, label: category.label, source: category.source),
            tiers: tiers, defaultTier: offered?.id ?? "", relief: reliefs.chosen?.relief(category), window: window, notes: notes
        )
    }

    /// The surcharge for paying outside the centralized window on `today`, if any.
    static func surcharge(_ window: RegionPolicy.Window, phase: WindowStatus.Phase, on today: CalendarDate) -> RegionPolicy.Surcharge? {
        guard phase == .midYear || phase == .late, let surcharge = window.surcharge, today >= surcharge.from else { return nil }
        return surcharge
    }

    /// Benefits wait unless every listed year was paid and this year is paid by the deadline.
    static func waitingNote(_ rule: RegionPolicy.WaitingPeriodRule, subject: PolicySubject, on today: CalendarDate) -> String? {
        let unpaid = rule.continuousYears.filter { !subject.paidYears.contains($0) }
        let wait = "本年度缴费后须待\(rule.months)个月过渡期满后方可享受居民医保待遇"
        if !unpaid.isEmpty { return "您\(unpaid.map(String.init).joined(separator: "、"))年度未参保缴费，\(wait)" }
        if today > rule.payBy { return "您未于\(ChineseText.date(rule.payBy))前完成缴费，\(wait)" }
        return nil
    }

    /// "（个人缴费标准：一档250元，二档625元）" for a category that pays elsewhere.
    static func priceSentence(_ tiers: [RegionPolicy.Tier]) -> String {
        guard !tiers.isEmpty else { return "" }
        return "（个人缴费标准：" + tiers.map { "\($0.label)\(ChineseText.yuan($0.amount))" }.joined(separator: "，") + "）"
    }
}
