/// A place in a seed notice: "000_b5fc021d980b42dd.txt:20" or a range of lines "…txt:22-23",
/// line numbers as `cat -n` prints them.
public enum SeedCitation {
    public static func isValid(_ text: String) -> Bool { parse(text) != nil }

    /// The file name and the first and last line cited.
    public static func parse(_ text: String) -> (file: String, lines: ClosedRange<Int>)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let file = parts[0], lines = parts[1]
        let stem = file.split(separator: "_", omittingEmptySubsequences: false)
        guard file.hasSuffix(".txt"), stem.count == 2, stem[0].count == 3, stem[0].allSatisfy(\.isASCIIDigit),
              stem[1].dropLast(4).count == 16, stem[1].dropLast(4).allSatisfy(\.isLowercaseHexDigit) else { return nil }
        let bounds = lines.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count), bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              let first = bounds.first.flatMap({ Int($0) }), let last = bounds.last.flatMap({ Int($0) }),
              first >= 1, first <= last else { return nil }
        return (String(file), first...last)
    }
}
