import ContributionPolicy
import Foundation
import KioskCore
import KioskTesting
import Testing

@Suite("policy file problems are named with file, line and key")
struct PolicyFileErrorTests {
    /// Line numbers matter: the expectations below name them.
    static let malformed = """
        region = "32060"
        year = 2021
        title = "x"
        source = "000_b5fc021d980b42dd.txt:7"

        [window]
        opens = "2020-13-01"
        closes = "2020-12-20"
        source = "seed 000 line 30"

        [window.after]
        kind = "later"
        source = "000_b5fc021d980b42dd.txt:88"

        [[category]]
        id = "adult"
        label = "成年居民"
        source = "000_b5fc021d980b42dd.txt:20"
          [[category.tier]]
          id = "basic"
          label = "居民医保"
          amount_fen = 43000
          component = [
            { label = "基本医疗保险", amount_fen = 38000, included = true },
            { label = "大病保险", amount_fen = "2000", included = true },
          ]

        [[category]]
        id = "minor"
        label = "未成年人"
        source = "000_b5fc021d980b42dd.txt:24"
        under_age = 18
          [[category.tier]]
          id = "basic"
          label = "居民医保"
          amount_fen = 31000
          component = [{ label = "基本医疗保险", amount_fen = 30000, included = true }]

        [[group]]
        code = "dibao"
        label = "低保"
        kind = "aid"
        full_tiers = ["tier9"]
        valid_untill = "2021-06-30"
        source = "000_b5fc021d980b42dd.txt:26"
        """

    @Test("every problem of a malformed file, each with its line", arguments: [
        "bad.toml:1: region: \"32060\" is not a six-digit GB/T 2260 region code such as 320600",
        "bad.toml:7: window.opens: \"2020-13-01\" is not a date YYYY-MM-DD",
        "bad.toml:9: window.source: \"seed 000 line 30\" is not a citation",
        "bad.toml:12: window.after.kind: \"later\" is not one of closed, pay_elsewhere, mid_year, late",
        "bad.toml:25: category[0].tier[0].component[1].amount_fen: is a string, expected an amount in integer fen",
        "bad.toml:36: category[1].tier[0].amount_fen: 31000 is not the sum of the included components (30000)",
        "bad.toml:43: group[0].full_tiers: names no tier of this policy: \"tier9\"",
        "bad.toml:44: group[0].valid_untill: is not a known key here",
    ])
    func malformed(expected: String) {
        #expect(throws: KioskError.self) { try PolicyBook.parse(Self.malformed, fileName: "bad.toml") }
        do {
            _ = try PolicyBook.parse(Self.malformed, fileName: "bad.toml")
        } catch {
            #expect(error.code == .policyInvalid)
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test("a TOML syntax error gives line and column")
    func syntax() {
        do {
            _ = try PolicyBook.parse("region = \"320600\"\nyear = \n", fileName: "broken.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .policyInvalid)
            #expect(error.message.hasPrefix("broken.toml:2:"), "\(error.message)")
        }
    }

    @Test("missing tables and keys are named")
    func missing() {
        do {
            _ = try PolicyBook.parse("region = \"320600\"\nyear = 2021\n", fileName: "empty.toml")
            Issue.record("accepted")
        } catch {
            for expected in ["empty.toml: title: is missing", "empty.toml: source: is missing", "empty.toml: window: is missing", "empty.toml: category: is missing"] {
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }

    @Test("the folder: file name must be region-year, one file per region-year")
    func folder() throws {
        let directory = try TemporaryDirectory(prefix: "policy")
        defer { directory.remove() }
        let valid = try String(contentsOfFile: PolicyFixtures.policyDirectory + "/620725-2021-shandan.toml", encoding: .utf8)
        try directory.write("620725-2021-shandan.toml", valid)
        try directory.write("620725-2021-copy.toml", valid)
        try directory.write("shandan.toml", valid)
        do {
            _ = try PolicyBook.load(directory: directory.path)
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("620725-2021-shandan.toml: region 620725, year 2021 is already defined"), "\(error.message)")
            #expect(error.message.contains("shandan.toml: the file name should start with \"620725-2021-\""), "\(error.message)")
        }
    }

    @Test("an empty or missing folder is an error")
    func emptyFolder() throws {
        let directory = try TemporaryDirectory(prefix: "policy")
        defer { directory.remove() }
        #expect(throws: KioskError.self) { try PolicyBook.load(directory: directory.path) }
        #expect(throws: KioskError.self) { try PolicyBook.load(directory: directory.path + "/absent") }
    }
}
