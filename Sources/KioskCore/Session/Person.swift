/// A person as the backend resolved them: an opaque reference and masked details only.
public struct Person: Sendable, Hashable {
    public var personRef: String
    public var maskedName: String
    /// Nil for a relative chosen from a list (the backend gives no number for them).
    public var maskedIDNumber: String?
    public var region: String
    /// Family members this person may pay for (代缴).
    public var paysFor: [SessionRelative]

    public init(personRef: String, maskedName: String, maskedIDNumber: String?, region: String, paysFor: [SessionRelative] = []) {
        self.personRef = personRef
        self.maskedName = maskedName
        self.maskedIDNumber = maskedIDNumber
        self.region = region
        self.paysFor = paysFor
    }

    /// A relative the payer chose; the region is the payer's until the enrollment says otherwise.
    public init(relative: SessionRelative, region: String) {
        self.init(personRef: relative.personRef, maskedName: relative.maskedName, maskedIDNumber: nil, region: region)
    }
}

/// Someone a resident may pay for, masked.
public struct SessionRelative: Sendable, Hashable {
    public var personRef: String
    public var maskedName: String
    /// e.g. 子女, 孙子女
    public var relation: String

    public init(personRef: String, maskedName: String, relation: String) {
        self.personRef = personRef
        self.maskedName = maskedName
        self.relation = relation
    }
}
