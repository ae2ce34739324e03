/// How long a self-test waits for the technician (`?timeout=` in seconds, `kioskctl selftest … --timeout`).
struct SelftestTimeout: Sendable {
    static let allowed = 1...600
    static let standard = 60

    let seconds: Int

    var duration: Duration { .seconds(seconds) }

    /// The query's value, or the standard 60 s; nil when it is not a whole number in 1…600.
    init?(query: String?) {
        guard let query else {
            seconds = Self.standard
            return
        }
        guard let seconds = Int(query), Self.allowed.contains(seconds) else { return nil }
        self.seconds = seconds
    }

    static let problem = "timeout: a whole number of seconds from \(allowed.lowerBound) to \(allowed.upperBound)"
}
