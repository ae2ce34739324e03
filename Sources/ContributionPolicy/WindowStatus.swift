import KioskCore

/// Which payment window today falls in, for a person.
public struct WindowStatus: Sendable, Hashable, Codable {
    public enum Phase: String, Sendable, Hashable, Codable {
        case centralized
        case midYear = "mid_year"
        case newborn
        case late
    }

    public var phase: Phase
    public var opens: CalendarDate?
    public var closes: CalendarDate?
    public var source: String
}
