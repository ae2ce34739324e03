import ContributionPolicy
import KioskCore
import Testing

/// The five seed notices, with the person and day most cases start from.
enum Seed: String, Sendable {
    case nantong = "000_b5fc021d980b42dd.txt"
    case haimen2020 = "001_621db3eae044eaf1.txt"
    case nanchuan = "002_9d597b210f7775b7.txt"
    case haimen2022 = "003_f0871b3191c23528.txt"
    case shandan = "004_2d44c409d6b3b256.txt"

    var region: String {
        switch self {
        case .nantong: "320600"
        case .haimen2020, .haimen2022: "320684"
        case .nanchuan: "500119"
        case .shandan: "620725"
        }
    }

    var year: Int {
        switch self {
        case .nantong, .nanchuan, .shandan: 2021
        case .haimen2020: 2020
        case .haimen2022: 2022
        }
    }

    /// A day inside the centralized window.
    var windowDay: String {
        switch self {
        case .nantong, .nanchuan: "2020-11-15"
        case .haimen2020: "2019-12-01"
        case .haimen2022: "2021-12-01"
        case .shandan: "2021-08-01"
        }
    }

    /// An adult resident's birth date.
    var adultBirth: String {
        switch self {
        case .nantong: "1960-05-12"
        case .haimen2020: "1970-01-01"
        case .nanchuan: "1970-08-15"
        case .haimen2022: "1980-01-01"
        case .shandan: "1975-03-09"
        }
    }

    /// Years a renewing resident has paid.
    var renewingPaidYears: Set<Int> {
        switch self {
        case .nantong: [2020]
        case .haimen2020: [2018, 2019]
        case .haimen2022: [2021]
        case .nanchuan, .shandan: []
        }
    }
}

/// One rule of a seed notice: a person on a day, and what the policy must say.
struct SeedCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        /// Due per tier id, in fen; every tier of the category is listed.
        case due([String: Int64])
        /// Refused with this code; the message contains each phrase.
        case refused(PolicyRefusal.Code, saying: [String])
    }

    let seed: Seed
    /// Line or lines of the seed file, as `cat -n` numbers them.
    let line: String
    let rule: String
    let outcome: Outcome
    var today: String
    var birth: String
    var isCollegeStudent = false
    var isInSchool = false
    var groups: Set<String> = []
    var paidYears: Set<Int>
    var relief: (kind: Relief.Kind, group: String)?
    var phase: WindowStatus.Phase = .centralized
    var defaultTier: String?
    var surcharge: Int64 = 0
    var notes: [String] = []
    var absentNotes: [String] = []

    init(_ seed: Seed, line: String, _ rule: String, _ outcome: Outcome) {
        self.seed = seed
        self.line = line
        self.rule = rule
        self.outcome = outcome
        self.today = seed.windowDay
        self.birth = seed.adultBirth
        self.paidYears = seed.renewingPaidYears
    }

    var testDescription: String { "seed \(seed.rawValue) line \(line): \(rule)" }

    func on(_ day: String) -> Self { with { $0.today = day } }
    func born(_ day: String) -> Self { with { $0.birth = day } }
    func collegeStudent() -> Self { with { $0.isCollegeStudent = true } }
    func inSchool() -> Self { with { $0.isInSchool = true } }
    func member(of codes: String...) -> Self { with { $0.groups.formUnion(codes) } }
    func paid(_ years: Set<Int>) -> Self { with { $0.paidYears = years } }
    func relief(_ kind: Relief.Kind, _ group: String) -> Self { with { $0.relief = (kind, group) } }
    func phase(_ phase: WindowStatus.Phase) -> Self { with { $0.phase = phase } }
    func defaultTier(_ tier: String) -> Self { with { $0.defaultTier = tier } }
    func surcharge(_ fen: Int64) -> Self { with { $0.surcharge = fen } }
    func note(_ phrases: String...) -> Self { with { $0.notes += phrases } }
    func noNote(_ phrases: String...) -> Self { with { $0.absentNotes += phrases } }

    private func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }

    /// Runs the case against the real policy file.
    func check() throws {
        let policy = try PolicyFixtures.policy(region: seed.region, year: seed.year)
        let subject = PolicySubject(
            birthDate: try PolicyFixtures.date(birth), hukouRegion: seed.region, isCollegeStudent: isCollegeStudent,
            isInSchool: isInSchool, groups: groups, paidYears: paidYears
        )
        let day = try PolicyFixtures.date(today)
        switch outcome {
        case .due(let dues):
            let quote: EnrollmentQuote
            do {
                quote = try PolicyEngine.quote(policy, for: subject, on: day)
            } catch {
                Issue.record("refused (\(error.code)): \(error.message)")
                return
            }
            checkQuote(quote, dues: dues)
        case .refused(let code, let phrases):
            do {
                let quote = try PolicyEngine.quote(policy, for: subject, on: day)
                Issue.record("expected \(code), got a quote due \(quote.tiers.map(\.due))")
            } catch {
                #expect(error.code == code, "\(error.message)")
                for phrase in phrases { #expect(error.message.contains(phrase), "\(error.message)") }
                #expect(error.source.hasPrefix(seed.rawValue + ":"), "cites \(error.source)")
            }
        }
    }

    private func checkQuote(_ quote: EnrollmentQuote, dues: [String: Int64]) {
        #expect(Dictionary(uniqueKeysWithValues: quote.tiers.map { ($0.id, $0.due.fen) }) == dues)
        for tier in quote.tiers {
            #expect(tier.amount == tier.components.filter(\.included).map(\.amount).reduce(.zero, +), "tier \(tier.id) adds up")
            #expect(tier.due == (tier.amount - tier.relief).clamped(min: .zero) + tier.surcharge, "tier \(tier.id) due")
            #expect(tier.surcharge.fen == surcharge, "tier \(tier.id) surcharge")
        }
        #expect(quote.relief?.kind == relief?.kind, "relief \(String(describing: quote.relief))")
        #expect(quote.relief?.groupCode == relief?.group)
        #expect(quote.window.phase == phase)
        if let defaultTier { #expect(quote.defaultTier == defaultTier) }
        #expect(quote.category.source.hasPrefix(seed.rawValue + ":"))
        for phrase in notes { #expect(quote.notes.contains { $0.contains(phrase) }, "notes \(quote.notes)") }
        for phrase in absentNotes { #expect(!quote.notes.contains { $0.contains(phrase) }, "notes \(quote.notes)") }
    }
}
