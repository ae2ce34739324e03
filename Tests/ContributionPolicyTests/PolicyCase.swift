import ContributionPolicy
import KioskCore
import KioskTesting
import Testing

/// One rule of a seed notice, as a person on a day and what the policy must say.
struct PolicyCase: CustomTestStringConvertible, Sendable {
    let citation: String
    let region: String
    let year: Int
    let today: String
    let birth: String
    var college = false
    var inSchool = false
    var groups: Set<String> = []
    var paidYears: Set<Int> = []
    /// Due per tier id, in fen, or the refusal code expected.
    var due: [String: Int64] = [:]
    var refusal: PolicyRefusal.Code?
    var relief: Relief.Kind?
    var phase: WindowStatus.Phase?
    var noteContains: String?

    var testDescription: String { "\(citation): \(region)/\(year) on \(today)" }

    static let book: PolicyBook = {
        do {
            return try PolicyBook.load(directory: RepositoryPaths.root + "/Sources/ContributionPolicy/Policies")
        } catch {
            fatalError("policy files do not load: \(error)")
        }
    }()

    func subject() -> PolicySubject {
        PolicySubject(birthDate: CalendarDate(iso: birth) ?? CalendarDate.today(), hukouRegion: region, isCollegeStudent: college,
                      isInSchool: inSchool, groups: groups, paidYears: paidYears)
    }
}
