import ContributionPolicy
import KioskCore
import Testing

/// Seed 001: 海门市 2020 年度; seed 003: 海门区 2022 年度 (海政办发〔2021〕70号).
@Suite("seeds 001 and 003 海门 2020 and 2022")
struct HaimenRuleTests {
    static let exempt2020: [(code: String, line: String)] = [
        ("dibao", "31"), ("tekun_worker_family", "33"), ("wubao", "35"), ("sanwu", "37"), ("youfu", "39"), ("jingjian", "41"),
        ("disability_1_2", "43"), ("old_party_member", "45"), ("jiandang_lika", "47"), ("major_illness", "49"), ("other_special", "51"),
    ]

    static let exempt2022: [(code: String, line: String)] = [
        ("dibao", "33"), ("tekun_worker_family", "34"), ("wubao", "35"), ("sanwu", "36"), ("youfu", "37"), ("jingjian", "38"),
        ("disability_1_2", "39"), ("old_party_member", "40"), ("jiandang_lika", "41"), ("major_illness", "42"), ("other_special", "44"),
    ]

    static let cases2020: [SeedCase] = [
        SeedCase(.haimen2020, line: "13", "everyone pays 360 incl. 大病 20 and 照护 10", .due(["basic": 36_000])).noNote("过渡期"),
        SeedCase(.haimen2020, line: "13", "children pay the same 360", .due(["basic": 36_000])).born("2015-06-01"),
        SeedCase(.haimen2020, line: "57", "paid 2018 and 2019 and paying by 2020-03-31: benefits at once", .due(["basic": 36_000])).noNote("过渡期"),
        SeedCase(.haimen2020, line: "57", "2018 not paid: a 6-month waiting period", .due(["basic": 36_000])).paid([2019]).note("2018年度未参保缴费", "6个月过渡期"),
        SeedCase(.haimen2020, line: "21", "not insured in 2019: enroll at the village committee", .refused(.notEligible, saying: ["村（居）委会", "户口簿"]))
            .paid([2018]),
        SeedCase(.haimen2020, line: "53", "exempt people need no 2019 payment: the towns register them", .due(["basic": 0]))
            .paid([]).member(of: "dibao").relief(.exemption, "dibao").note("各区镇统一办理参保登记"),
        SeedCase(.haimen2020, line: "15", "the last day is 2019-12-20", .due(["basic": 36_000])).on("2019-12-20"),
        SeedCase(.haimen2020, line: "57", "from 2019-12-21 pay at the village committee from 2020-01-01",
                 .refused(.windowClosedPayElsewhere, saying: ["2020年1月1日", "村（居）委会"])).on("2019-12-21"),
        SeedCase(.haimen2020, line: "57", "in 2020 late payers still go to the village committee, waiting 6 months unless continuous",
                 .refused(.windowClosedPayElsewhere, saying: ["村（居）委会", "6个月过渡期"])).on("2020-01-02"),
        SeedCase(.haimen2020, line: "25", "the sandbox opens on 2019-11-01 (the notice names no start)", .refused(.windowNotOpen, saying: ["2019年11月1日"]))
            .on("2019-10-31"),
    ] + exempt2020.map { group in
        SeedCase(.haimen2020, line: group.line, "\(group.code): city finance pays the contribution", .due(["basic": 0]))
            .member(of: group.code).relief(.exemption, group.code)
    }

    static let cases2022: [SeedCase] = [
        SeedCase(.haimen2022, line: "22-23", "residents pay 500 basic + 30 long-term care = 530", .due(["basic": 53_000])),
        SeedCase(.haimen2022, line: "22-23", "college and vocational students pay 300 + 30 = 330", .due(["basic": 33_000]))
            .born("2003-05-01").collegeStudent().note("就读学校统一办理参保登记"),
        SeedCase(.haimen2022, line: "19", "pupils pay the resident rate, registered by their school", .due(["basic": 53_000]))
            .born("2012-05-01").inSchool().note("2021年10月31日"),
        SeedCase(.haimen2022, line: "43", "100 周岁 on 2022-01-01 pays nothing, on no list", .due(["basic": 0]))
            .born("1922-01-01").relief(.exemption, "centenarian"),
        SeedCase(.haimen2022, line: "43", "99 on 2022-01-01 pays in full", .due(["basic": 53_000])).born("1922-01-02"),
        SeedCase(.haimen2022, line: "29", "not insured in 2021: enroll and pay at the village committee",
                 .refused(.notEligible, saying: ["村民（居民）委员会", "参保缴费手续"])).paid([2020]),
        SeedCase(.haimen2022, line: "45", "exempt people need no 2021 payment: the towns register them", .due(["basic": 0]))
            .paid([]).member(of: "wubao").relief(.exemption, "wubao").note("区财政全额补助"),
        SeedCase(.haimen2022, line: "26", "the last day is 2021-12-20", .due(["basic": 53_000])).on("2021-12-20"),
        SeedCase(.haimen2022, line: "50", "from 2021-12-21 go to the village committee from 2022-01-01",
                 .refused(.windowClosedPayElsewhere, saying: ["2022年1月1日", "村民（居民）委员会"])).on("2021-12-21"),
        SeedCase(.haimen2022, line: "50", "in January 2022 still at the village committee, not the kiosk",
                 .refused(.windowClosedPayElsewhere, saying: ["村民（居民）委员会"])).on("2022-01-05"),
        SeedCase(.haimen2022, line: "26", "the sandbox opens on 2021-11-01 (the notice names no start)", .refused(.windowNotOpen, saying: ["2021年11月1日"]))
            .on("2021-10-31"),
    ] + exempt2022.map { group in
        SeedCase(.haimen2022, line: group.line, "\(group.code): district finance pays the contribution", .due(["basic": 0]))
            .member(of: group.code).relief(.exemption, group.code)
    }

    @Test("Haimen 2020: each fee, exemption, window and benefit rule", arguments: cases2020)
    func rule2020(_ rule: SeedCase) throws { try rule.check() }

    @Test("Haimen 2022: each fee, exemption and window rule", arguments: cases2022)
    func rule2022(_ rule: SeedCase) throws { try rule.check() }

    @Test("Haimen 2022 shows the fiscal parts as information only (seed 003 lines 22–23)")
    func fiscalParts() throws {
        let policy = try PolicyFixtures.policy(region: "320684", year: 2022)
        let subject = PolicySubject(birthDate: try PolicyFixtures.date("1980-01-01"), hukouRegion: "320684", paidYears: [2021])
        let tier = try #require(try PolicyEngine.quote(policy, for: subject, on: try PolicyFixtures.date("2021-12-01")).tiers.first)
        #expect(tier.components.filter(\.included).map(\.amount.fen) == [50_000, 3_000])
        #expect(tier.components.filter { !$0.included }.map(\.amount.fen) == [90_000, 4_000, 3_000])
        #expect(tier.amount.fen == 53_000)
    }

    @Test("Haimen 2020: 1200 per head, of which 360 individual and 840 from government (seed 001 line 13)")
    func financing() throws {
        let policy = try PolicyFixtures.policy(region: "320684", year: 2020)
        let tier = try #require(policy.categories.first?.tiers.first)
        #expect(tier.components.map(\.amount).reduce(Money.zero, +).fen == 120_000)
        #expect(tier.amount.fen == 36_000)
    }
}
