import KioskCore

/// What a policy needs to know about a person.
public struct PolicySubject: Sendable, Hashable {
    public var birthDate: CalendarDate
    public var hukouRegion: String
    /// 大中专 / college student.
    public var isCollegeStudent: Bool
    public var isInSchool: Bool
    /// Exemption and aid group codes, as used in the policy files.
    public var groups: Set<String>
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
