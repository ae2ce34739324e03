import ContributionPolicy
import KioskCore
import Testing

private let nantong = "000_b5fc021d980b42dd.txt"
private let haimen2020 = "001_621db3eae044eaf1.txt"
private let nanchuan = "002_9d597b210f7775b7.txt"
private let haimen2022 = "003_f0871b3191c23528.txt"
private let shandan = "004_2d44c409d6b3b256.txt"

@Suite("the five seed notices, rule by rule")
struct SeedRuleTests {
    static let cases: [PolicyCase] = [
        // 000 南通市区 2021
        .init(citation: "\(nantong):20 adult 430 incl. 大病 20 + 照护 30", region: "320600", year: 2021, today: "2020-11-15", birth: "1960-05-12", due: ["basic": 43_000], phase: .centralized),
        .init(citation: "\(nantong):20 18 on the day counts as adult", region: "320600", year: 2021, today: "2020-11-15", birth: "2002-11-15", due: ["basic": 43_000]),
        .init(citation: "\(nantong):24 minor not in school 300", region: "320600", year: 2021, today: "2020-11-15", birth: "2002-11-16", due: ["basic": 30_000]),
        .init(citation: "\(nantong):38 students enrol through their school", region: "320600", year: 2021, today: "2020-11-15", birth: "2010-01-01", inSchool: true, refusal: .notEligible),
        .init(citation: "\(nantong):26 低保 pays nothing but registers", region: "320600", year: 2021, today: "2020-11-15", birth: "1955-07-20", groups: ["dibao"], due: ["basic": 0], relief: .exemption),
        .init(citation: "\(nantong):26 1–2级重残 pays nothing", region: "320600", year: 2021, today: "2020-11-15", birth: "1980-01-01", groups: ["disability_1_2"], due: ["basic": 0], relief: .exemption),
        .init(citation: "\(nantong):30 window opens 2020-11-01", region: "320600", year: 2021, today: "2020-11-01", birth: "1960-05-12", due: ["basic": 43_000]),
        .init(citation: "\(nantong):30 not before 2020-11-01", region: "320600", year: 2021, today: "2020-10-31", birth: "1960-05-12", refusal: .windowNotOpen),
        .init(citation: "\(nantong):30 last day 2020-12-20", region: "320600", year: 2021, today: "2020-12-20", birth: "1960-05-12", due: ["basic": 43_000]),
        .init(citation: "\(nantong):30 closed from 2020-12-21", region: "320600", year: 2021, today: "2020-12-21", birth: "1960-05-12", refusal: .windowClosed),
        // 001 海门市 2020
        .init(citation: "\(haimen2020):13 360 per person", region: "320684", year: 2020, today: "2019-12-01", birth: "1970-01-01", paidYears: [2018, 2019], due: ["basic": 36_000]),
        .init(citation: "\(haimen2020):13 children pay the same 360", region: "320684", year: 2020, today: "2019-12-01", birth: "2015-01-01", paidYears: [2018, 2019], due: ["basic": 36_000]),
        .init(citation: "\(haimen2020):57 not paid 2018 and 2019: 6-month waiting period", region: "320684", year: 2020, today: "2019-12-01", birth: "1970-01-01", paidYears: [2019], due: ["basic": 36_000], noteContains: "6个月"),
        .init(citation: "\(haimen2020):31 低保 fully paid by city finance", region: "320684", year: 2020, today: "2019-12-01", birth: "1970-01-01", groups: ["dibao"], due: ["basic": 0], relief: .exemption),
        .init(citation: "\(haimen2020):45 pre-1949 party member fully paid", region: "320684", year: 2020, today: "2019-12-01", birth: "1930-01-01", groups: ["old_party_member"], due: ["basic": 0], relief: .exemption),
        .init(citation: "\(haimen2020):57 after 2019-12-20 pay at the village committee", region: "320684", year: 2020, today: "2019-12-21", birth: "1970-01-01", refusal: .windowClosedPayElsewhere),
        // 002 南川区南城街道 2021
        .init(citation: "\(nanchuan):86 tier 1 280, tier 2 655", region: "500119", year: 2021, today: "2020-11-15", birth: "1970-08-15", due: ["tier1": 28_000, "tier2": 65_500]),
        .init(citation: "\(nanchuan):91 college students 250 / 625", region: "500119", year: 2021, today: "2020-11-15", birth: "2001-03-01", college: true, due: ["tier1": 25_000, "tier2": 62_500]),
        .init(citation: "\(nanchuan):101 低保 aid 280: tier 1 free, tier 2 pays 375", region: "500119", year: 2021, today: "2020-11-15", birth: "1970-08-15", groups: ["dibao"], due: ["tier1": 0, "tier2": 37_500], relief: .aid),
        .init(citation: "\(nanchuan):101 建档立卡 aid 200", region: "500119", year: 2021, today: "2020-11-15", birth: "1970-08-15", groups: ["jiandang_lika"], due: ["tier1": 8_000, "tier2": 45_500], relief: .aid),
        .init(citation: "\(nanchuan):111 highest single aid, never the sum", region: "500119", year: 2021, today: "2020-11-15", birth: "1970-08-15", groups: ["jiandang_lika", "dibao"], due: ["tier1": 0, "tier2": 37_500], relief: .aid),
        .init(citation: "\(nanchuan):103 特困 tier 2 fully paid", region: "500119", year: 2021, today: "2020-11-15", birth: "1950-01-01", groups: ["tekun"], due: ["tier1": 0, "tier2": 0], relief: .aid),
        .init(citation: "\(nanchuan):103 老复员军人 tier 2 fully paid", region: "500119", year: 2021, today: "2020-11-15", birth: "1940-01-01", groups: ["veteran"], due: ["tier1": 0, "tier2": 0]),
        .init(citation: "\(nanchuan):107 aid still applies 2021-06-30 (mid-year)", region: "500119", year: 2021, today: "2021-06-30", birth: "1970-08-15", groups: ["dibao"], due: ["tier1": 0, "tier2": 37_500], phase: .midYear),
        .init(citation: "\(nanchuan):90+107 from 2021-07-01 no aid and the fiscal part is borne", region: "500119", year: 2021, today: "2021-07-01", birth: "1970-08-15", groups: ["dibao"], due: ["tier1": 83_000, "tier2": 120_500], phase: .midYear),
        .init(citation: "\(nanchuan):107 建档立卡 aid all year", region: "500119", year: 2021, today: "2021-08-01", birth: "1970-08-15", groups: ["jiandang_lika"], due: ["tier1": 63_000, "tier2": 100_500]),
        .init(citation: "\(nanchuan):81 mid-year enrolment ends 09-30", region: "500119", year: 2021, today: "2021-10-01", birth: "1970-08-15", refusal: .windowClosed),
        .init(citation: "\(nanchuan):80 newborn within 90 days", region: "500119", year: 2021, today: "2021-03-31", birth: "2021-01-01", due: ["tier1": 28_000], phase: .newborn),
        .init(citation: "\(nanchuan):80 newborn day 90 after the mid-year end", region: "500119", year: 2021, today: "2021-10-15", birth: "2021-07-18", due: ["tier1": 28_000], phase: .newborn),
        .init(citation: "\(nanchuan):80 newborn day 91 is too late", region: "500119", year: 2021, today: "2021-10-16", birth: "2021-07-18", refusal: .windowClosed),
        // 003 海门区 2022
        .init(citation: "\(haimen2022):22+23 resident 500 + long-term care 30", region: "320684", year: 2022, today: "2021-12-01", birth: "1980-01-01", due: ["basic": 53_000]),
        .init(citation: "\(haimen2022):22+23 college student 300 + long-term care 30", region: "320684", year: 2022, today: "2021-12-01", birth: "2002-01-01", college: true, due: ["basic": 33_000]),
        .init(citation: "\(haimen2022):43 aged 100+ pay nothing", region: "320684", year: 2022, today: "2021-12-01", birth: "1921-12-01", due: ["basic": 0], relief: .exemption),
        .init(citation: "\(haimen2022):43 aged 99 pay in full", region: "320684", year: 2022, today: "2021-12-01", birth: "1921-12-02", due: ["basic": 53_000]),
        .init(citation: "\(haimen2022):44 orphans pay nothing", region: "320684", year: 2022, today: "2021-12-01", birth: "2012-01-01", groups: ["other_special"], due: ["basic": 0], relief: .exemption),
        .init(citation: "\(haimen2022):50 after 2021-12-20 at the village committee", region: "320684", year: 2022, today: "2022-01-05", birth: "1980-01-01", refusal: .windowClosedPayElsewhere),
        // 004 山丹县 2021
        .init(citation: "\(shandan):81 320 for adults", region: "620725", year: 2021, today: "2021-07-01", birth: "1975-03-09", due: ["basic": 32_000]),
        .init(citation: "\(shandan):81 320 for children alike", region: "620725", year: 2021, today: "2021-12-31", birth: "2015-03-09", due: ["basic": 32_000]),
        .init(citation: "\(shandan):83 not before 07-01", region: "620725", year: 2021, today: "2021-06-30", birth: "1975-03-09", refusal: .windowNotOpen),
        .init(citation: "\(shandan):97 特困 fully paid from medical aid", region: "620725", year: 2021, today: "2021-08-01", birth: "1975-03-09", groups: ["tekun"], due: ["basic": 0], relief: .exemption),
        .init(citation: "\(shandan):98 低保 pays first, aid credited next month", region: "620725", year: 2021, today: "2021-08-01", birth: "1975-03-09", groups: ["dibao"], due: ["basic": 32_000], relief: .aidCreditedLater, noteContains: "次月"),
        .init(citation: "\(shandan):91 newborn within 3 months, before the window", region: "620725", year: 2021, today: "2021-06-30", birth: "2021-04-01", due: ["basic": 32_000], phase: .newborn),
        .init(citation: "\(shandan):91 newborn after 3 months waits for the window", region: "620725", year: 2021, today: "2021-06-30", birth: "2021-03-30", refusal: .windowNotOpen),
    ]

    @Test("each rule", arguments: cases)
    func rule(_ rule: PolicyCase) throws {
        let policy = try #require(PolicyCase.book.policy(region: rule.region, year: rule.year))
        let today = try #require(CalendarDate(iso: rule.today))
        do {
            let quote = try PolicyEngine.quote(policy, for: rule.subject(), on: today)
            #expect(rule.refusal == nil, "expected refusal \(String(describing: rule.refusal))")
            for (tier, due) in rule.due {
                #expect(quote.tiers.first { $0.id == tier }?.due.fen == due, "tier \(tier)")
            }
            if let relief = rule.relief { #expect(quote.relief?.kind == relief) }
            if let phase = rule.phase { #expect(quote.window.phase == phase) }
            if let note = rule.noteContains { #expect(quote.notes.contains { $0.contains(note) }, "\(quote.notes)") }
        } catch {
            #expect(error.code == rule.refusal, "\(error.message)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("every seed notice has its policy file")
    func allFive() {
        let keys = Set(PolicyCase.book.policies.map { "\($0.region)/\($0.year)" })
        #expect(keys == ["320600/2021", "320684/2020", "500119/2021", "320684/2022", "620725/2021"])
    }

    @Test("a malformed policy file names the file and the key")
    func malformed() {
        let text = """
            region = "32060"
            year = 2021
            title = "x"
            source = "x"
            [window]
            opens = "2020-13-01"
            closes = "2020-12-20"
            source = "x"
            after_close = "later"
            [[category]]
            id = "adult"
            label = "x"
            source = "x"
            """
        do {
            _ = try PolicyBook.parse(text, source: "bad.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .policyInvalid)
            #expect(error.message.contains("bad.toml: region"))
            #expect(error.message.contains("window.opens"))
            #expect(error.message.contains("window.after_close"))
        }
    }
}
