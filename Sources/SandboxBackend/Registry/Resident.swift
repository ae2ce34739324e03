import ContributionPolicy
import KioskCore

/// A person in the sandbox's resident registry.
public struct Resident: Sendable, Hashable {
    public let personRef: String
    public let idNumber: IDNumber
    public let name: String
    public let hukouRegion: String
    public let isCollegeStudent: Bool
    public let isInSchool: Bool
    public let groups: Set<String>
    public let paidYears: Set<Int>
    public let sscCardNumber: String?
    public let esscToken: String?
    public let paysFor: [Relation]

    public struct Relation: Sendable, Hashable {
        public let idNumber: IDNumber
        public let relation: String
    }

    public var subject: PolicySubject {
        PolicySubject(
            birthDate: idNumber.birthDate, hukouRegion: hukouRegion, isCollegeStudent: isCollegeStudent,
            isInSchool: isInSchool, groups: groups, paidYears: paidYears
        )
    }

    /// "张*三": the first and last characters stay, the middle is starred; two characters keep the first.
    public var maskedName: String { PersonalDataMasking.name(name) }
}
