import ContributionPolicy
import Foundation
import Testing

/// Every rule of the data files cites its own notice, at lines that exist and say something.
@Suite("citations in the policy files")
struct SeedCitationTests {
    /// The notices as published, kept beside the policy files that cite them.
    static let seedsDirectory = PolicyFixtures.policyDirectory + "/seeds"

    static let noticeOfRegionYear = [
        "320600/2021": "000_b5fc021d980b42dd.txt", "320684/2020": "001_621db3eae044eaf1.txt", "500119/2021": "002_9d597b210f7775b7.txt",
        "320684/2022": "003_f0871b3191c23528.txt", "620725/2021": "004_2d44c409d6b3b256.txt",
    ]

    static func citations(_ policy: RegionPolicy) -> [String] {
        var sources = [policy.source, policy.window.source, policy.window.afterClose.source]
        sources += [policy.window.surcharge?.source, policy.window.newborn?.source, policy.exemptionNote?.source,
                    policy.renewal?.source, policy.waitingPeriod?.source].compactMap { $0 }
        sources += policy.categories.flatMap { [$0.source] + $0.tiers.map(\.source) }
        sources += policy.groups.flatMap { [$0.source, $0.validitySource].compactMap { $0 } }
        return sources
    }

    @Test("each policy cites only its own notice")
    func ownNotice() throws {
        for policy in try PolicyFixtures.book.get().policies {
            let notice = try #require(Self.noticeOfRegionYear["\(policy.region)/\(policy.year)"])
            for source in Self.citations(policy) {
                #expect(SeedCitation.parse(source)?.file == notice, "\(policy.region)/\(policy.year): \(source)")
            }
        }
    }

    @Test("each cited line exists and is not blank")
    func linesExist() throws {
        for policy in try PolicyFixtures.book.get().policies {
            for source in Self.citations(policy) {
                let citation = try #require(SeedCitation.parse(source))
                let text = try String(contentsOfFile: Self.seedsDirectory + "/" + citation.file, encoding: .utf8)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(citation.lines.upperBound <= lines.count, "\(source) is past the end")
                // A range may span a paragraph broken by a blank line; its ends must say something.
                for number in [citation.lines.lowerBound, citation.lines.upperBound] where number <= lines.count {
                    #expect(!lines[number - 1].allSatisfy { $0.isWhitespace }, "\(source): line \(number) is blank")
                }
            }
        }
    }

    @Test("citation syntax", arguments: [
        ("000_b5fc021d980b42dd.txt:20", true), ("003_f0871b3191c23528.txt:22-23", true), ("000_b5fc021d980b42dd.txt", false),
        ("000_b5fc021d980b42dd.txt:0", false), ("000_b5fc021d980b42dd.txt:23-22", false), ("seed 000 line 20", false),
        ("000_B5FC021D980B42DD.txt:20", false), ("000_b5fc021d980b42dd.txt:2x", false),
    ])
    func syntax(text: String, valid: Bool) {
        #expect(SeedCitation.isValid(text) == valid)
    }
}
