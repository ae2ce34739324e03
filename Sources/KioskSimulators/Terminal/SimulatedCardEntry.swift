/// How the cardholder presents a card to the simulated PIN pad.
public enum SimulatedCardEntry: String, Sendable, Hashable, CaseIterable {
    /// Into the chip slot: nexo `EntryMode` "ICC"; the card stays in the slot until removed.
    case insert
    /// Against the contactless reader: nexo `EntryMode` "Contactless".
    case tap

    /// The nexo `EntryMode` the response reports.
    public var nexoEntryMode: String {
        switch self {
        case .insert: "ICC"
        case .tap: "Contactless"
        }
    }
}
