import KioskCore

/// One thing wrong with a configuration, located by key path and line so an operator can fix it.
public struct ConfigProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Dotted key path such as `devices.printer`; empty for problems of the whole file.
    public var keyPath: String
    public var message: String
    /// 1-based line in the file, when the problem has one.
    public var line: Int?
    /// Set when the value came from an environment override rather than the file.
    public var environmentVariable: String?

    public init(keyPath: String, message: String, line: Int? = nil, environmentVariable: String? = nil) {
        self.keyPath = keyPath
        self.message = message
        self.line = line
        self.environmentVariable = environmentVariable
    }

    /// A problem the TOML reader found.
    public init(_ problem: TOMLProblem) {
        self.init(keyPath: problem.path == .root ? "" : problem.path.description, message: problem.message, line: problem.line)
    }

    public var description: String {
        let prefix = keyPath.isEmpty ? "" : "\(keyPath): "
        if let environmentVariable { return "\(prefix)\(message) (environment \(environmentVariable))" }
        if let line { return "\(prefix)\(message) (line \(line))" }
        return "\(prefix)\(message)"
    }
}

/// Every problem found in one configuration source.
public struct ConfigValidationError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var problems: [ConfigProblem]

    public init(source: String, problems: [ConfigProblem]) {
        self.source = source
        self.problems = problems
    }

    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return (["\(source): \(problems.count) \(noun)"] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}
