/// Latencies of repeated operations, in seconds, and their percentiles.
struct LatencySamples {
    private(set) var seconds: [Double] = []

    mutating func add(_ duration: Duration) {
        let parts = duration.components
        seconds.append(Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
    }

    mutating func merge(_ other: LatencySamples) { seconds += other.seconds }

    var count: Int { seconds.count }

    /// Nearest-rank percentile in milliseconds.
    func percentileMilliseconds(_ p: Double) -> Double {
        guard !seconds.isEmpty else { return .nan }
        let sorted = seconds.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank] * 1000
    }
}
