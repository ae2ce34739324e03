import KioskCore

/// Checks a policy file and builds the policy, collecting every problem.
struct PolicyValidator {
    let source: String
    private(set) var problems: [String] = []

    init(source: String) { self.source = source }

    mutating func report(_ place: String, _ message: String) {
        problems.append("\(source): \(place): \(message)")
    }

    mutating func date(_ text: String?, _ place: String) -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso: text) else {
            report(place, "\"\(text)\" is not a date YYYY-MM-DD")
            return nil
        }
        return date
    }

    mutating func validate(_ file: PolicyFile) -> RegionPolicy? {
        if file.region.count != 6 || !file.region.allSatisfy({ ("0"..."9").contains($0) }) { report("region", "\"\(file.region)\" is not a six-digit GB/T 2260 code") }
        if !(2000...2100).contains(file.year) { report("year", "\(file.year) is out of range 2000…2100") }
        let window = validateWindow(file.window)
        var categories: [RegionPolicy.CategoryRule] = []
        for (index, entry) in file.category.enumerated() {
            let place = "category[\(index)] (\(entry.id))"
            let tiers = (entry.tier ?? []).enumerated().map { tierIndex, tier in
                RegionPolicy.Tier(id: tier.id, label: tier.label, components: tier.component.enumerated().map { componentIndex, component in
                    if component.amount_fen < 0 { report("\(place).tier[\(tierIndex)].component[\(componentIndex)]", "amount_fen is negative") }
                    return EnrollmentQuote.Component(label: component.label, amount: Money(fen: component.amount_fen), included: component.included)
                })
            }
            if entry.refusal == nil, tiers.isEmpty { report(place, "needs at least one tier, or a refusal") }
            if let min = entry.min_age, let max = entry.max_age, min >= max { report(place, "min_age \(min) is not below max_age \(max)") }
            categories.append(.init(id: entry.id, label: entry.label, source: entry.source, minimumAge: entry.min_age, maximumAge: entry.max_age,
                                    collegeStudent: entry.college_student, inSchool: entry.in_school, refusal: entry.refusal, tiers: tiers))
        }
        if categories.isEmpty { report("category", "no categories") }
        let tierIDs = Set(categories.flatMap { $0.tiers.map(\.id) })
        var groups: [RegionPolicy.GroupDefinition] = []
        for (index, entry) in (file.group ?? []).enumerated() {
            let place = "group[\(index)] (\(entry.code))"
            guard let kind = Relief.Kind(rawValue: entry.kind) else {
                report(place, "kind \"\(entry.kind)\" is not exemption, aid or aid_credited_later")
                continue
            }
            if kind == .aid, entry.aid_fen == nil, (entry.full_tiers ?? []).isEmpty { report(place, "an aid group needs aid_fen or full_tiers") }
            for tier in entry.full_tiers ?? [] where !tierIDs.contains(tier) { report(place, "full_tiers names unknown tier \"\(tier)\"") }
            groups.append(.init(
                code: entry.code, label: entry.label, kind: kind, source: entry.source, aid: entry.aid_fen.map { Money(fen: $0) },
                fullTiers: Set(entry.full_tiers ?? []), validFrom: date(entry.valid_from, "\(place).valid_from"),
                validUntil: date(entry.valid_until, "\(place).valid_until"), minimumAge: entry.min_age
            ))
        }
        let benefits = file.benefits.map { entry in
            RegionPolicy.BenefitRule(continuousYears: entry.continuous_years, payBy: date(entry.pay_by, "benefits.pay_by") ?? CalendarDate.today(),
                                     waitingNote: entry.waiting_note, source: entry.source)
        }
        guard let window else { return nil }
        return RegionPolicy(region: file.region, year: file.year, title: file.title, source: file.source, window: window,
                            categories: categories, groups: groups, benefits: benefits)
    }

    private mutating func validateWindow(_ entry: PolicyFile.WindowEntry) -> RegionPolicy.Window? {
        let opens = date(entry.opens, "window.opens"), closes = date(entry.closes, "window.closes")
        guard let afterClose = RegionPolicy.Window.AfterClose(rawValue: entry.after_close) else {
            report("window.after_close", "\"\(entry.after_close)\" is not closed, pay_elsewhere or mid_year")
            return nil
        }
        let midYearUntil = date(entry.mid_year_until, "window.mid_year_until")
        if afterClose == .midYear, midYearUntil == nil { report("window", "after_close = \"mid_year\" needs mid_year_until") }
        if afterClose == .payElsewhere, entry.after_close_message == nil { report("window", "after_close = \"pay_elsewhere\" needs after_close_message") }
        guard let opens, let closes else { return nil }
        if closes < opens { report("window", "closes \(closes) is before opens \(opens)") }
        return .init(
            opens: opens, closes: closes, source: entry.source, afterClose: afterClose, afterCloseMessage: entry.after_close_message,
            midYearUntil: midYearUntil, surchargeFrom: date(entry.surcharge_from, "window.surcharge_from"),
            surcharge: Money(fen: entry.surcharge_fen ?? 0), surchargeLabel: entry.surcharge_label, surchargeSource: entry.surcharge_source,
            newbornDays: entry.newborn_days, newbornMonths: entry.newborn_months, newbornSource: entry.newborn_source
        )
    }
}
