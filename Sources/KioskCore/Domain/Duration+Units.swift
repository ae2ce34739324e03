/// The kiosk's one set of Duration conversions, for messages and for APIs that take seconds.
extension Duration {
    /// Whole milliseconds, rounded down: for messages such as "dropped after 120 ms".
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as a floating-point number (Foundation's TimeInterval).
    public var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// "3 s", "2.5 s": for messages such as "job 4 still pending after 3 s".
    public var secondsText: String {
        let milliseconds = wholeMilliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }
}
