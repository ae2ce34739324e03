import ContributionPolicy
import Testing

/// Seed 004: 山丹县 2021 年度城乡居民基本医疗保险.
@Suite("seed 004 山丹县 2021")
struct ShandanRuleTests {
    static let cases: [SeedCase] = [
        SeedCase(.shandan, line: "8", "adults pay 320", .due(["basic": 32_000])),
        SeedCase(.shandan, line: "8", "children pay the same 320", .due(["basic": 32_000])).born("2015-03-09"),
        SeedCase(.shandan, line: "20", "college students pay 320 after their school registers them", .due(["basic": 32_000]))
            .born("2002-09-01").collegeStudent().note("学籍地"),
        SeedCase(.shandan, line: "10", "not before 2021-07-01", .refused(.windowNotOpen, saying: ["2021年7月1日至2021年12月31日"])).on("2021-06-30"),
        SeedCase(.shandan, line: "10", "the window opens 2021-07-01", .due(["basic": 32_000])).on("2021-07-01"),
        SeedCase(.shandan, line: "10", "the last day is 2021-12-31", .due(["basic": 32_000])).on("2021-12-31"),
        SeedCase(.shandan, line: "10", "closed from 2022-01-01", .refused(.windowClosed, saying: ["已结束"])).on("2022-01-01"),
        SeedCase(.shandan, line: "24", "特困 are paid in full from the medical-aid fund", .due(["basic": 0])).member(of: "tekun").relief(.exemption, "tekun"),
        SeedCase(.shandan, line: "24", "orphans are paid in full from the medical-aid fund", .due(["basic": 0]))
            .born("2012-01-01").member(of: "orphan").relief(.exemption, "orphan"),
        SeedCase(.shandan, line: "24+25", "特困 and 低保: the exemption, not both", .due(["basic": 0])).member(of: "dibao", "tekun").relief(.exemption, "tekun"),
        SeedCase(.shandan, line: "18", "a newborn within 3 months may pay before the window", .due(["basic": 32_000]))
            .born("2021-03-30").on("2021-06-30").phase(.newborn),
        SeedCase(.shandan, line: "18", "after 3 months a newborn waits for the window", .refused(.windowNotOpen, saying: []))
            .born("2021-03-29").on("2021-06-30"),
        SeedCase(.shandan, line: "18", "a December baby may pay until the same day in March", .due(["basic": 32_000]))
            .born("2021-12-15").on("2022-03-15").phase(.newborn),
        SeedCase(.shandan, line: "18", "one day later it is closed", .refused(.windowClosed, saying: [])).born("2021-12-15").on("2022-03-16"),
        SeedCase(.shandan, line: "18", "born 11-30: 3 months end on the last day of February", .due(["basic": 32_000]))
            .born("2021-11-30").on("2022-02-28").phase(.newborn),
        SeedCase(.shandan, line: "18", "born 11-30: closed on March 1", .refused(.windowClosed, saying: [])).born("2021-11-30").on("2022-03-01"),
        SeedCase(.shandan, line: "18", "a baby of 2020 is no newborn of 2021", .refused(.windowNotOpen, saying: [])).born("2020-12-01").on("2021-02-01"),
    ] + ["dibao", "fanpin", "tuopin", "monitored"].map { code in
        SeedCase(.shandan, line: "25", "\(code) pays 320 now, aid credited to the 一卡通 next month", .due(["basic": 32_000]))
            .member(of: code).relief(.aidCreditedLater, code).note("次月", "一卡通")
    }

    @Test("each fee, aid and window rule", arguments: cases)
    func rule(_ rule: SeedCase) throws { try rule.check() }
}
