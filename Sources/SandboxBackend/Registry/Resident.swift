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
    public var maskedName: String { NameMasking.mask(name) }
}

public enum NameMasking {
    public static func mask(_ name: String) -> String {
        let characters = Array(name)
        switch characters.count {
        case 0: return ""
        case 1: return "*"
        case 2: return "\(characters[0])*"
        default: return "\(characters[0])" + String(repeating: "*", count: characters.count - 2) + "\(characters[characters.count - 1])"
        }
    }
}
