import KioskCore

/// Picks the one exemption or aid a person gets. 就高不就低: of every group the person is in and
/// whose validity covers the payment day, the one that relieves the most; aids are never added up.
struct ReliefChoice {
    struct Candidate {
        let group: RegionPolicy.GroupDefinition
        /// Relief at payment, per tier id.
        let amounts: [String: Money]

        /// What to compare: the most on any tier, then the total over tiers.
        var rank: (Int64, Int64) { (amounts.values.map(\.fen).max() ?? 0, amounts.values.map(\.fen).reduce(0, +)) }

        func relief(_ category: RegionPolicy.CategoryRule) -> Relief {
            Relief(kind: group.kind, groupCode: group.code, label: group.label, amountDescription: group.reliefDescription ?? generatedDescription(category),
                   certificate: group.certificate, source: group.source)
        }

        private func generatedDescription(_ category: RegionPolicy.CategoryRule) -> String {
            switch group.kind {
            case .exemption:
                return "个人不需要缴费"
            case .aidCreditedLater:
                return "请先按标准缴费，资助资金于次月划入本人一卡通账户"
            case .aid:
                let fullTiers = category.tiers.filter { group.fullTiers.contains($0.id) }.map(\.label)
                var parts: [String] = []
                if let aid = group.aid { parts.append("按\(ChineseText.yuan(aid))/人·年标准资助参保，超出部分由本人自付") }
                if !fullTiers.isEmpty { parts.append("全额资助参加\(fullTiers.joined(separator: "、"))") }
                return parts.joined(separator: "；")
            }
        }
    }

    let chosen: Candidate?
    /// Groups the person is in whose validity does not cover the payment day.
    let lapsed: [RegionPolicy.GroupDefinition]

    static func evaluate(_ policy: RegionPolicy, category: RegionPolicy.CategoryRule, subject: PolicySubject, age: Int, on today: CalendarDate) -> ReliefChoice {
        let memberships = policy.groups.filter { group in
            subject.groups.contains(group.code) || group.minimumAge.map { age >= $0 } == true
        }
        var best: Candidate?
        for group in memberships where group.isValid(on: today) {
            let candidate = Candidate(group: group, amounts: amounts(group, tiers: category.tiers))
            if best.map({ candidate.rank > $0.rank }) ?? true { best = candidate }
        }
        return ReliefChoice(chosen: best, lapsed: memberships.filter { !$0.isValid(on: today) })
    }

    static func amounts(_ group: RegionPolicy.GroupDefinition, tiers: [RegionPolicy.Tier]) -> [String: Money] {
        var amounts: [String: Money] = [:]
        for tier in tiers {
            switch group.kind {
            case .exemption: amounts[tier.id] = tier.amount
            case .aidCreditedLater: amounts[tier.id] = .zero
            case .aid: amounts[tier.id] = group.fullTiers.contains(tier.id) ? tier.amount : min(group.aid ?? .zero, tier.amount)
            }
        }
        return amounts
    }

    /// The chosen group's note, the policy's note for exemptions, and a sentence per lapsed aid.
    func notes(_ policy: RegionPolicy) -> [String] {
        var notes: [String] = []
        if let chosen {
            if let note = chosen.group.note { notes.append(note) }
            if chosen.group.kind == .exemption, let exemption = policy.exemptionNote { notes.append(exemption.text) }
        }
        for group in lapsed where group.code != chosen?.group.code {
            notes.append("\(group.label)享受资助参保政策的时间为\(ChineseText.period(from: group.validFrom, until: group.validUntil))，本次缴费不享受该项资助")
        }
        return notes
    }
}
