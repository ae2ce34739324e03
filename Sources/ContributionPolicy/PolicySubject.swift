import KioskCore

/// What a policy needs to know about a person.
public struct PolicySubject: Sendable, Hashable {
    public var birthDate: CalendarDate
    /// 6-digit GB/T 2260 code. The caller picks the policy by it; the engine does not gate on it,
    /// since residence-permit holders may enroll too (seed 000 line 16, seed 003 line 20).
    public var hukouRegion: String
    /// 大中专 / 高校 / 中职 student.
    public var isCollegeStudent: Bool
    /// In school (pupils, kindergarten included). Nantong: minors NOT in school pay 300.
    public var isInSchool: Bool
    /// Exemption and aid group codes, as used in the policy files ("dibao", "tekun", …).
    public var groups: Set<String>
    /// Insurance years the person paid (or was enrolled exempt), for renewal and waiting rules.
    public var paidYears: Set<Int>

    public init(birthDate: CalendarDate, hukouRegion: String, isCollegeStudent: Bool = false, isInSchool: Bool = false, groups: Set<String> = [], paidYears: Set<Int> = []) {
        self.birthDate = birthDate
        self.hukouRegion = hukouRegion
        self.isCollegeStudent = isCollegeStudent
        self.isInSchool = isInSchool
        self.groups = groups
        self.paidYears = paidYears
    }
}
