import ContributionPolicy
import KioskCore
import Foundation
import Testing

/// Engine features no seed notice uses on its own, on a small made-up policy.
@Suite("engine features on a synthetic policy")
struct SyntheticPolicyTests {
    static func policy(after: String) throws(KioskError) -> RegionPolicy {
        try PolicyBook.parse("""
            region = "999999"
            year = 2030
            title = "测试"
            source = "000_b5fc021d980b42dd.txt:7"
            [window]
            opens = 2029-11-01
            closes = "2029-12-20"
            source = "000_b5fc021d980b42dd.txt:30"
            [window.after]
            \(after)
            source = "000_b5fc021d980b42dd.txt:88"
            [[category]]
            id = "all"
            label = "居民"
            source = "000_b5fc021d980b42dd.txt:20"
              [[category.tier]]
              id = "basic"
              label = "居民医保"
              amount_fen = 10000
              component = [{ label = "个人缴费", amount_fen = 10000, included = true }]
            """, fileName: "synthetic.toml")
    }

    static let person = PolicySubject(birthDate: CalendarDate(year: 1980, month: 1, day: 1) ?? .today(), hukouRegion: "999999")

    @Test("late payment at the kiosk until a day (TOML dates accepted too)")
    func late() throws {
        let policy = try Self.policy(after: "kind = \"late\"\nuntil = \"2030-03-31\"")
        let quote = try PolicyEngine.quote(policy, for: Self.person, on: try PolicyFixtures.date("2030-03-31"))
        #expect(quote.window.phase == .late)
        #expect(quote.window.opens?.description == "2029-12-21")
        #expect(throws: PolicyRefusal.self) { try PolicyEngine.quote(policy, for: Self.person, on: try PolicyFixtures.date("2030-04-01")) }
    }

    @Test("mid_year and late need until; pay_elsewhere needs its message")
    func requiredKeys() {
        for (after, problem) in [("kind = \"late\"", "window.after.until: is missing"), ("kind = \"pay_elsewhere\"", "window.after.message: is missing")] {
            do {
                _ = try Self.policy(after: after)
                Issue.record("accepted \(after)")
            } catch {
                #expect(error.message.contains("synthetic.toml:9: \(problem)"), "\(error.message)")
            }
        }
    }

    @Test("the quote encodes money as integer fen and dates as ISO strings, and decodes back")
    func codable() throws {
        let policy = try Self.policy(after: "kind = \"closed\"")
        let quote = try PolicyEngine.quote(policy, for: Self.person, on: try PolicyFixtures.date("2029-11-01"))
        let json = try JSONEncoder().encode(quote)
        let text = try #require(String(data: json, encoding: .utf8))
        #expect(text.contains("\"due\":10000"))
        #expect(text.contains("\"opens\":\"2029-11-01\""))
        #expect(try JSONDecoder().decode(EnrollmentQuote.self, from: json) == quote)
    }

    @Test("nobody in a category: refused as not eligible")
    func noCategory() throws {
        let policy = try PolicyBook.parse("""
            region = "999999"
            year = 2030
            title = "测试"
            source = "000_b5fc021d980b42dd.txt:7"
            [window]
            opens = "2029-11-01"
            closes = "2029-12-20"
            source = "000_b5fc021d980b42dd.txt:30"
            [window.after]
            kind = "closed"
            source = "000_b5fc021d980b42dd.txt:88"
            [[category]]
            id = "old"
            label = "老年居民"
            min_age = 60
            source = "000_b5fc021d980b42dd.txt:20"
              [[category.tier]]
              id = "basic"
              label = "居民医保"
              amount_fen = 100
              component = [{ label = "个人缴费", amount_fen = 100, included = true }]
            """, fileName: "synthetic.toml")
        #expect(throws: PolicyRefusal(code: .notEligible, message: "您不在测试的参保缴费范围内，请到户籍所在地医保经办机构咨询", source: "000_b5fc021d980b42dd.txt:7")) {
            try PolicyEngine.quote(policy, for: Self.person, on: try PolicyFixtures.date("2029-11-01"))
        }
    }
}
