import KioskConfig
import KioskCore

/// Builds a policy from its data file; every problem goes to the file's log with its line.
/// The keys of each table are documented in Policies/README.md.
extension RegionPolicy {
    static func read(_ file: TOMLTableReader) -> RegionPolicy? {
        let region = file.required("region", .text)
        if let region, let problem = RegionCode.problem(region) { file.report("region", problem) }
        let year = file.required("year", .integer(2000...2100))
        let title = file.required("title", .text)
        let source = file.required("source", .citation)
        let ageReference = file.optional("age_reference", .date)
        let window = file.table("window", required: true).flatMap(Window.read)
        if !file.has("category") { file.report("category", "is missing; expected at least one [[category]]") }
        let categories = file.tables("category").compactMap(CategoryRule.read)
        checkUnique(categories.map(\.id), in: file, key: "category", what: "category id")
        let tierIDs = Set(categories.flatMap { $0.tiers.map(\.id) })
        let groups = file.tables("group").compactMap { GroupDefinition.read($0, tierIDs: tierIDs) }
        checkUnique(groups.map(\.code), in: file, key: "group", what: "group code")
        let exemptionNote = file.table("exemption").flatMap(PolicyNote.read)
        let renewal = file.table("renewal").flatMap { RenewalRule.read($0, year: year) }
        let waitingPeriod = file.table("waiting_period").flatMap { WaitingPeriodRule.read($0, year: year) }
        file.rejectUnknownKeys()
        guard file.log.problems.isEmpty, let region, let year, let title, let source, let window else { return nil }
        return RegionPolicy(
            region: region, year: year, title: title, source: source, ageReference: ageReference, window: window,
            categories: categories, groups: groups, exemptionNote: exemptionNote, renewal: renewal, waitingPeriod: waitingPeriod
        )
    }

    private static func checkUnique(_ values: [String], in file: TOMLTableReader, key: String, what: String) {
        var seen: Set<String> = []
        for (position, value) in values.enumerated() where !seen.insert(value).inserted {
            file.log.report(file.path.key(key).index(position), "\(what) \"\(value)\" is used twice")
        }
    }
}

extension PolicyNote {
    static func read(_ table: TOMLTableReader) -> PolicyNote? {
        let text = table.required("note", .text), source = table.required("source", .citation)
        table.rejectUnknownKeys()
        guard let text, let source else { return nil }
        return PolicyNote(text: text, source: source)
    }
}

extension RegionPolicy.CategoryRule {
    static func read(_ table: TOMLTableReader) -> Self? {
        let id = table.required("id", .text), label = table.required("label", .text), source = table.required("source", .citation)
        let minimumAge = table.optional("min_age", .integer(0...150)), underAge = table.optional("under_age", .integer(1...150))
        if let minimumAge, let underAge, minimumAge >= underAge {
            table.report("under_age", "\(underAge) leaves no age at or above min_age \(minimumAge)")
        }
        let collegeStudent = table.optional("college_student", .flag), inSchool = table.optional("in_school", .flag)
        let refusal = table.optional("refusal", .text), note = table.optional("note", .text)
        let tiers = table.tables("tier").compactMap { RegionPolicy.Tier.read($0, categorySource: source ?? "") }
        if refusal == nil, !table.has("tier") { table.report("tier", "is missing; a category needs a [[category.tier]] or a refusal") }
        var seen: Set<String> = []
        for tier in tiers where !seen.insert(tier.id).inserted { table.report("tier", "tier id \"\(tier.id)\" is used twice") }
        table.rejectUnknownKeys()
        guard let id, let label, let source else { return nil }
        return .init(id: id, label: label, source: source, minimumAge: minimumAge, underAge: underAge, collegeStudent: collegeStudent,
                     inSchool: inSchool, refusal: refusal, note: note, tiers: tiers)
    }
}

extension RegionPolicy.Tier {
    static func read(_ table: TOMLTableReader, categorySource: String) -> Self? {
        let id = table.required("id", .text), label = table.required("label", .text), amount = table.required("amount_fen", .fen)
        let source = table.optional("source", .citation) ?? categorySource
        if !table.has("component") { table.report("component", "is missing; a tier lists its components") }
        let componentTables = table.tables("component")
        let components = componentTables.compactMap { component -> EnrollmentQuote.Component? in
            let label = component.required("label", .text), amount = component.required("amount_fen", .fen)
            let included = component.required("included", .flag)
            component.rejectUnknownKeys()
            guard let label, let amount, let included else { return nil }
            return EnrollmentQuote.Component(label: label, amount: amount, included: included)
        }
        let sum = components.filter(\.included).map(\.amount).reduce(.zero, +)
        if let amount, components.count == componentTables.count, !components.isEmpty, sum != amount {
            table.report("amount_fen", "\(amount.fen) is not the sum of the included components (\(sum.fen))")
        }
        table.rejectUnknownKeys()
        guard let id, let label, let amount else { return nil }
        return .init(id: id, label: label, amount: amount, components: components, source: source)
    }
}

extension RegionPolicy.GroupDefinition {
    static func read(_ table: TOMLTableReader, tierIDs: Set<String>) -> Self? {
        let code = table.required("code", .text), label = table.required("label", .text), source = table.required("source", .citation)
        let kindName = table.required("kind", .text)
        let kind = kindName.flatMap(Relief.Kind.init(rawValue:))
        if let kindName, kind == nil {
            table.report("kind", "\"\(kindName)\" is not exemption, aid or aid_credited_later")
        }
        let aid = table.optional("aid_fen", .fen), fullTiers = table.optional("full_tiers", .texts) ?? []
        let defaultTier = table.optional("default_tier", .text)
        for tier in fullTiers + [defaultTier].compactMap({ $0 }) where !tierIDs.contains(tier) {
            table.report(fullTiers.contains(tier) ? "full_tiers" : "default_tier", "names no tier of this policy: \"\(tier)\"")
        }
        switch kind {
        case .aid?:
            if aid == nil, fullTiers.isEmpty { table.report("kind", "an aid group needs aid_fen or full_tiers") }
        case .exemption?, .aidCreditedLater?:
            if aid != nil { table.report("aid_fen", "only an aid group has aid_fen") }
            if !fullTiers.isEmpty { table.report("full_tiers", "only an aid group has full_tiers") }
        case nil:
            break
        }
        let validFrom = table.optional("valid_from", .date), validUntil = table.optional("valid_until", .date)
        if let validFrom, let validUntil, validUntil < validFrom {
            table.report("valid_until", "\(validUntil) is before valid_from \(validFrom)")
        }
        let validitySource = table.optional("validity_source", .citation)
        if validFrom != nil || validUntil != nil, validitySource == nil, !table.has("validity_source") {
            table.report("validity_source", "is missing; a validity period needs its citation")
        }
        let group = Self(
            code: code ?? "", label: label ?? "", kind: kind ?? .exemption, source: source ?? "",
            certificate: table.optional("certificate", .text), reliefDescription: table.optional("description", .text),
            note: table.optional("note", .text), aid: aid, fullTiers: Set(fullTiers), defaultTier: defaultTier,
            validFrom: validFrom, validUntil: validUntil, validitySource: validitySource, minimumAge: table.optional("min_age", .integer(0...150))
        )
        table.rejectUnknownKeys()
        guard code != nil, label != nil, source != nil, kind != nil else { return nil }
        return group
    }
}

extension RegionPolicy.RenewalRule {
    static func read(_ table: TOMLTableReader, year: Int?) -> Self? {
        let previousYear = table.required("previous_year", .integer(2000...2100))
        if let previousYear, let year, previousYear >= year { table.report("previous_year", "\(previousYear) is not before the policy year \(year)") }
        let message = table.required("message", .text), source = table.required("source", .citation)
        table.rejectUnknownKeys()
        guard let previousYear, let message, let source else { return nil }
        return .init(previousYear: previousYear, message: message, source: source)
    }
}

extension RegionPolicy.WaitingPeriodRule {
    static func read(_ table: TOMLTableReader, year: Int?) -> Self? {
        let years = table.required("continuous_years", .integers)
        if let years, let year, years.isEmpty || years.contains(where: { $0 >= year }) {
            table.report("continuous_years", "must list years before the policy year \(year)")
        }
        let payBy = table.required("pay_by", .date), months = table.required("months", .integer(1...24))
        let source = table.required("source", .citation)
        table.rejectUnknownKeys()
        guard let years, let payBy, let months, let source else { return nil }
        return .init(continuousYears: years, payBy: payBy, months: months, source: source)
    }
}
