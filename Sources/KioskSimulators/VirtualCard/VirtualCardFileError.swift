/// Everything wrong with a card file, each problem naming its key:
/// `card.toml: ssc.generation: 4 is not 1, 2 or 3`.
///
/// Messages about `[holder]` values never repeat the value (it is personal data).
public struct VirtualCardFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Dotted key such as "holder.birth_date"; empty for problems of the whole file.
        public let key: String
        public let message: String

        public var description: String { key.isEmpty ? message : "\(key): \(message)" }
    }

    public let source: String
    public let problems: [Problem]

    public init(source: String, problems: [Problem]) {
        self.source = source
        self.problems = problems
    }

    public var description: String {
        problems.map { "\(source): \($0)" }.joined(separator: "\n")
    }

    /// Whether some problem concerns `key` (tests and tools match on keys, not on wording).
    public func mentions(_ key: String) -> Bool {
        problems.contains { $0.key == key }
    }
}
