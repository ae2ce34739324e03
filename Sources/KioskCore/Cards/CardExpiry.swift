/// The end of a card's validity: a last valid day, or 长期 (long-term ID cards of people over 46).
public enum CardExpiry: Sendable, Hashable, CustomStringConvertible {
    case on(CalendarDate)
    case longTerm

    /// "YYYY-MM-DD" or "long-term", as `CardReport` shows it.
    public var description: String {
        switch self {
        case .on(let date): date.description
        case .longTerm: "long-term"
        }
    }
}
