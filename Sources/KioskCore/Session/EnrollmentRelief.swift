/// Exemption or aid the person receives.
public struct EnrollmentRelief: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case exemption, aid, aidCreditedLater
    }

    public var kind: Kind
    public var label: String
    public var description: String

    public init(kind: Kind, label: String, description: String) {
        self.kind = kind
        self.label = label
        self.description = description
    }
}
