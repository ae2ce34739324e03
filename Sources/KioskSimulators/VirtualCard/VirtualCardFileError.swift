import KioskConfig

/// Everything wrong with a card file, each problem naming its line and key:
/// `card.toml:9: ssc.generation: 4 is not 1, 2 or 3`.
///
/// Messages about `[holder]` values never repeat the value (it is personal data).
public struct VirtualCardFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Dotted key such as "holder.birth_date"; empty for problems of the whole file.
        public let key: String
        public let line: Int?
        public let message: String

        public init(key: String, line: Int? = nil, message: String) {
            self.key = key
            self.line = line
            self.message = message
        }

        public var description: String { key.isEmpty ? message : "\(key): \(message)" }
    }

    public let source: String
    public let problems: [Problem]

    public init(source: String, problems: [Problem]) {
        self.source = source
        self.problems = problems
    }

    /// The problems of a file read with the kiosk's TOML reader.
    init(source: String, log: TOMLProblemLog) {
        self.init(source: source, problems: log.problems.map { problem in
            Problem(key: problem.path == .root ? "" : problem.path.description, line: problem.line, message: problem.message)
        })
    }

    public var description: String {
        problems.map { problem in
            let place = source + (problem.line.map { ":\($0)" } ?? "")
            return problem.key.isEmpty ? "\(place): \(problem.message)" : "\(place): \(problem.key): \(problem.message)"
        }.joined(separator: "\n")
    }

    /// Whether some problem concerns `key` (tests and tools match on keys, not on wording).
    public func mentions(_ key: String) -> Bool {
        problems.contains { $0.key == key }
    }
}
