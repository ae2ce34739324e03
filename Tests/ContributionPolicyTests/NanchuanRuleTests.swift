import ContributionPolicy
import Testing

/// Seed 002: 南川区南城街道 2021 年城乡居民基本医疗保险 (南城办发〔2020〕84号).
@Suite("seed 002 南川区南城街道 2021")
struct NanchuanRuleTests {
    /// The sandbox's fiscal-subsidy surcharge from July (the notice gives no amount): 580 yuan.
    static let surcharge: Int64 = 58_000

    static let aid280Groups = [
        "dibao", "civil_affairs_other", "youfu", "disability_1_2", "jisheng_youfu", "jisheng_canfu", "only_child_disability",
        "jisheng_complication", "illness_poverty",
    ]

    static let cases: [SeedCase] = [
        SeedCase(.nanchuan, line: "27-29", "tier 1 280, tier 2 655 until the end of June", .due(["tier1": 28_000, "tier2": 65_500])).defaultTier("tier1"),
        SeedCase(.nanchuan, line: "32+58", "college students (250 / 625) pay through their school",
                 .refused(.notEligible, saying: ["所在学校", "一档250元", "二档625元"])).born("2001-03-01").collegeStudent(),
        SeedCase(.nanchuan, line: "42", "建档立卡 get 200: tier 1 costs 80, tier 2 455", .due(["tier1": 8_000, "tier2": 45_500]))
            .member(of: "jiandang_lika").relief(.aid, "jiandang_lika"),
        SeedCase(.nanchuan, line: "44", "特困 get tier 2 in full, offered first", .due(["tier1": 0, "tier2": 0]))
            .member(of: "tekun").relief(.aid, "tekun").defaultTier("tier2"),
        SeedCase(.nanchuan, line: "44", "在乡老复员军人 get tier 2 in full", .due(["tier1": 0, "tier2": 0]))
            .born("1940-01-01").member(of: "veteran").relief(.aid, "veteran").defaultTier("tier2"),
        SeedCase(.nanchuan, line: "52", "低保 and 建档立卡: the highest single aid (280), never 480", .due(["tier1": 0, "tier2": 37_500]))
            .member(of: "jiandang_lika", "dibao").relief(.aid, "dibao"),
        SeedCase(.nanchuan, line: "52", "特困 and 低保: full tier 2 beats 280", .due(["tier1": 0, "tier2": 0]))
            .member(of: "dibao", "tekun").relief(.aid, "tekun").defaultTier("tier2"),
        SeedCase(.nanchuan, line: "48", "aid still applies on 2021-06-30 (mid-year enrollment)", .due(["tier1": 0, "tier2": 37_500]))
            .on("2021-06-30").member(of: "dibao").relief(.aid, "dibao").phase(.midYear),
        SeedCase(.nanchuan, line: "48+31", "from 2021-07-01 no aid, and the fiscal part is borne", .due(["tier1": 28_000 + surcharge, "tier2": 65_500 + surcharge]))
            .on("2021-07-01").member(of: "dibao").phase(.midYear).surcharge(surcharge).note("2021年6月30日", "财政补助部分由本人自行承担"),
        SeedCase(.nanchuan, line: "48+44", "特困 lose the full aid from 2021-07-01 as well", .due(["tier1": 28_000 + surcharge, "tier2": 65_500 + surcharge]))
            .on("2021-07-01").member(of: "tekun").phase(.midYear).surcharge(surcharge).defaultTier("tier1"),
        SeedCase(.nanchuan, line: "48", "建档立卡 keep their 200 all year, surcharge included", .due(["tier1": 8_000 + surcharge, "tier2": 45_500 + surcharge]))
            .on("2021-08-01").member(of: "jiandang_lika").relief(.aid, "jiandang_lika").phase(.midYear).surcharge(surcharge),
        SeedCase(.nanchuan, line: "48", "aid starts 2020-09-01 with the window", .due(["tier1": 0, "tier2": 37_500]))
            .on("2020-09-01").member(of: "dibao").relief(.aid, "dibao"),
        SeedCase(.nanchuan, line: "20", "centralized enrollment ends 2020-12-20", .due(["tier1": 28_000, "tier2": 65_500])).on("2020-12-20"),
        SeedCase(.nanchuan, line: "22+27", "mid-year enrollment from 2020-12-21, no surcharge before July", .due(["tier1": 28_000, "tier2": 65_500]))
            .on("2020-12-21").phase(.midYear),
        SeedCase(.nanchuan, line: "27", "2021-06-30: last day without surcharge", .due(["tier1": 28_000, "tier2": 65_500])).on("2021-06-30").phase(.midYear),
        SeedCase(.nanchuan, line: "31", "2021-07-01: the fiscal part is borne by the resident", .due(["tier1": 28_000 + surcharge, "tier2": 65_500 + surcharge]))
            .on("2021-07-01").phase(.midYear).surcharge(surcharge),
        SeedCase(.nanchuan, line: "22", "2021-09-30: last day of mid-year enrollment", .due(["tier1": 28_000 + surcharge, "tier2": 65_500 + surcharge]))
            .on("2021-09-30").phase(.midYear).surcharge(surcharge),
        SeedCase(.nanchuan, line: "22", "2021-10-01: closed", .refused(.windowClosed, saying: ["2021年9月30日"])).on("2021-10-01"),
        SeedCase(.nanchuan, line: "20", "the sandbox opens on 2020-09-01 (the notice names no start)", .refused(.windowNotOpen, saying: ["2020年9月1日"]))
            .on("2020-08-31"),
        SeedCase(.nanchuan, line: "21", "newborn on day 90 after birth, after mid-year closed", .due(["tier1": 28_000, "tier2": 65_500]))
            .born("2021-07-18").on("2021-10-16").phase(.newborn),
        SeedCase(.nanchuan, line: "21", "newborn on day 91 is too late", .refused(.windowClosed, saying: [])).born("2021-07-18").on("2021-10-17"),
        SeedCase(.nanchuan, line: "21", "a newborn enrolling in August bears no surcharge", .due(["tier1": 28_000, "tier2": 65_500]))
            .born("2021-08-01").on("2021-08-10").phase(.newborn),
        SeedCase(.nanchuan, line: "21", "born in 2020, not a newborn of the 2021 insurance year", .refused(.windowClosed, saying: []))
            .born("2020-12-25").on("2021-10-05"),
    ] + aid280Groups.map { code in
        SeedCase(.nanchuan, line: "42", "\(code) gets 280: tier 1 free, tier 2 pays 375", .due(["tier1": 0, "tier2": 37_500]))
            .member(of: code).relief(.aid, code).defaultTier("tier1")
    }

    @Test("each fee, aid and window rule", arguments: cases)
    func rule(_ rule: SeedCase) throws { try rule.check() }

    @Test("the newborn window runs from birth to day 90 (seed 002 line 21)")
    func newbornWindow() throws {
        let policy = try PolicyFixtures.policy(region: "500119", year: 2021)
        let subject = PolicySubject(birthDate: try PolicyFixtures.date("2021-07-18"), hukouRegion: "500119")
        let quote = try PolicyEngine.quote(policy, for: subject, on: try PolicyFixtures.date("2021-10-01"))
        #expect(quote.window.phase == .newborn)
        #expect(quote.window.opens?.description == "2021-07-18")
        #expect(quote.window.closes?.description == "2021-10-16")
        #expect(quote.window.source == "002_9d597b210f7775b7.txt:21")
    }

    @Test("the July surcharge is the sandbox parameter of the data file, cited to seed 002 line 31")
    func surchargeParameter() throws {
        let surcharge = try #require(try PolicyFixtures.policy(region: "500119", year: 2021).window.surcharge)
        #expect(surcharge.amount.fen == Self.surcharge)
        #expect(surcharge.from.description == "2021-07-01")
        #expect(surcharge.source == "002_9d597b210f7775b7.txt:31")
    }

    @Test("an aid is described for the resident (seed 002 line 42)")
    func aidDescription() throws {
        let policy = try PolicyFixtures.policy(region: "500119", year: 2021)
        let subject = PolicySubject(birthDate: try PolicyFixtures.date("1970-08-15"), hukouRegion: "500119", groups: ["dibao"])
        let relief = try #require(try PolicyEngine.quote(policy, for: subject, on: try PolicyFixtures.date("2020-11-15")).relief)
        #expect(relief.amountDescription == "按280元/人·年标准资助参保，超出部分由本人自付")
        #expect(relief.label == "城乡低保对象")
    }
}
