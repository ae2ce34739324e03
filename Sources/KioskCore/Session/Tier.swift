/// One contribution tier (一档 / 二档, or the single tier of most regions).
public struct Tier: Sendable, Hashable {
    public var id: String
    public var label: String
    public var amount: Money
    public var components: [AmountComponent]
    public var relief: Money
    public var surcharge: Money
    /// What the resident pays: amount − relief + surcharge.
    public var due: Money

    public init(id: String, label: String, amount: Money, components: [AmountComponent] = [], relief: Money = .zero, surcharge: Money = .zero, due: Money) {
        self.id = id
        self.label = label
        self.amount = amount
        self.components = components
        self.relief = relief
        self.surcharge = surcharge
        self.due = due
    }
}

/// A line of an amount's breakdown (e.g. 大病保险 20 included; 财政补助 shown for information).
public struct AmountComponent: Sendable, Hashable, Codable {
    public var label: String
    public var amount: Money
    /// true: part of the individual amount; false: shown for information (e.g. the fiscal subsidy).
    public var included: Bool

    public init(label: String, amount: Money, included: Bool) {
        self.label = label
        self.amount = amount
        self.included = included
    }
}
