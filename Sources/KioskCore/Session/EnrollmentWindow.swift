/// The payment window the enrollment falls in.
public struct EnrollmentWindow: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        case centralized, midYear, newborn, late
    }

    public var phase: Phase
    public var opens: CalendarDate?
    public var closes: CalendarDate?

    public init(phase: Phase, opens: CalendarDate? = nil, closes: CalendarDate? = nil) {
        self.phase = phase
        self.opens = opens
        self.closes = closes
    }
}
