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

    /// `name`'s median and p95, as figures reported without a target.
    func reportedRows(_ name: String) -> [BenchRow] {
        [50, 95].map { percentile in
            BenchRow(name: "\(name), p\(percentile)", value: percentileMilliseconds(Double(percentile)), unit: "ms", target: "(reported)", met: true)
        }
    }

    /// Each of `contenders` `reads` times in turn, for `rounds` rounds, so that drift on a shared
    /// machine hits all alike; their median and p95 rows, in order.
    static func alternating(rounds: Int = 3, reads: Int, _ contenders: [(name: String, run: () async throws -> Void)]) async throws -> [BenchRow] {
        var samples = Array(repeating: LatencySamples(), count: contenders.count)
        for _ in 0..<rounds {
            for (index, contender) in contenders.enumerated() {
                for _ in 0..<reads {
                    let start = ContinuousClock.now
                    try await contender.run()
                    samples[index].add(ContinuousClock.now - start)
                }
            }
        }
        return zip(contenders, samples).flatMap { contender, samples in samples.reportedRows(contender.name) }
    }
}
