extension Duration {
    /// Whole milliseconds, rounded down: for messages such as "dropped after 120 ms".
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
