import ContributionPolicy
import Testing

/// Seed 000: 南通市区 2021 年度居民医疗保险 (通医保发〔2020〕86号).
@Suite("seed 000 南通市区 2021")
struct NantongRuleTests {
    static let exemptGroups: [(code: String, certificate: String)] = [
        ("dibao", "有效期内的低保证件"), ("tekun_family", "有效期内的特困证件"), ("disability_1_2", "有效期内的残疾人证"),
        ("tekun", "民政部门出具的有效证明"), ("major_illness", "民政部门出具的有效证明"), ("children_in_distress", "民政部门出具的有效证明"),
        ("low_income", "民政部门出具的有效证明"), ("jiandang_lika", "扶贫部门出具的有效证明"), ("jingjian", "民政部门的有效证明"),
        ("youfu", "民政部门的有效证明"),
    ]

    static let cases: [SeedCase] = [
        SeedCase(.nantong, line: "20-22", "an adult pays 430 incl. 大病 20 and 照护 30", .due(["basic": 43_000])),
        SeedCase(.nantong, line: "20", "18 周岁 on 2021-01-01 counts as adult", .due(["basic": 43_000])).born("2003-01-01"),
        SeedCase(.nantong, line: "24", "17 on 2021-01-01 and not in school pays 300", .due(["basic": 30_000])).born("2003-01-02"),
        SeedCase(.nantong, line: "24", "a child not in school pays 300 incl. 大病 20", .due(["basic": 30_000])).born("2012-03-08").paid([]),
        SeedCase(.nantong, line: "38", "pupils join their school's scheme, not the kiosk", .refused(.notEligible, saying: ["学校所在地", "劳动保障服务站"]))
            .born("2010-01-01").inSchool(),
        SeedCase(.nantong, line: "38", "college students join their school's scheme", .refused(.notEligible, saying: ["学校所在地"]))
            .born("2001-01-01").collegeStudent(),
        SeedCase(.nantong, line: "26", "exempt minors pay nothing either", .due(["basic": 0])).born("2012-03-08").member(of: "children_in_distress")
            .relief(.exemption, "children_in_distress").note("办理参保登记手续"),
        SeedCase(.nantong, line: "30", "the window opens 2020-11-01", .due(["basic": 43_000])).on("2020-11-01"),
        SeedCase(.nantong, line: "30", "not payable before 2020-11-01", .refused(.windowNotOpen, saying: ["2020年11月1日至2020年12月20日"])).on("2020-10-31"),
        SeedCase(.nantong, line: "30", "the last day is 2020-12-20", .due(["basic": 43_000])).on("2020-12-20"),
        SeedCase(.nantong, line: "88", "after 2020-12-20 ask the station about the transition period", .refused(.windowClosed, saying: ["过渡期", "劳动保障服务所"]))
            .on("2020-12-21"),
    ] + exemptGroups.map { group in
        SeedCase(.nantong, line: "26", "\(group.code) pays nothing but must register", .due(["basic": 0]))
            .member(of: group.code).relief(.exemption, group.code).note("办理参保登记手续")
    }

    @Test("each fee, exemption and window rule", arguments: cases)
    func rule(_ rule: SeedCase) throws { try rule.check() }

    @Test("the adult price shows its breakdown: 380 basic, 20 大病, 30 照护")
    func breakdown() throws {
        let policy = try PolicyFixtures.policy(region: "320600", year: 2021)
        let quote = try PolicyEngine.quote(policy, for: .init(birthDate: try PolicyFixtures.date("1960-05-12"), hukouRegion: "320600"),
                                           on: try PolicyFixtures.date("2020-11-15"))
        let components = try #require(quote.tiers.first).components
        #expect(components.map(\.amount.fen) == [38_000, 2_000, 3_000])
        #expect(components.map(\.label) == ["基本医疗保险", "大病保险", "照护保险基金"])
        #expect(components.allSatisfy { $0.included })
    }

    @Test("each exemption names the certificate to show (seed 000 line 26)", arguments: exemptGroups.map(\.code))
    func certificate(_ code: String) throws {
        let policy = try PolicyFixtures.policy(region: "320600", year: 2021)
        let subject = PolicySubject(birthDate: try PolicyFixtures.date("1960-05-12"), hukouRegion: "320600", groups: [code])
        let quote = try PolicyEngine.quote(policy, for: subject, on: try PolicyFixtures.date("2020-11-15"))
        #expect(quote.relief?.certificate == Self.exemptGroups.first { $0.code == code }?.certificate)
    }
}
