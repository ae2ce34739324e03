/// One figure: name, value, unit, the target in words, and whether it is met.
struct BenchRow {
    var name: String
    var value: Double
    var unit: String
    var target: String
    var met: Bool

    /// `ROW<TAB>name<TAB>value<TAB>unit<TAB>target<TAB>1|0`, what bench.py reads.
    var line: String {
        ["ROW", name, String(format: "%.2f", value), unit, target, met ? "1" : "0"].joined(separator: "\t")
    }
}
