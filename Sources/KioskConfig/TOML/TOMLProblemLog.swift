/// One problem of a TOML file: where (key path, line when it can be found) and what.
public struct TOMLProblem: Sendable, Equatable, CustomStringConvertible {
    public let source: String
    /// The key path; `.root` for a problem of the whole file (invalid TOML).
    public let path: TOMLPath
    public let line: Int?
    public let message: String

    /// "file:line: key.path: message", or without the parts that are not known.
    public var description: String {
        let place = source + (line.map { ":\($0)" } ?? "")
        return path == .root ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}

/// Every problem of one TOML file, so the person fixing it is taken to each place at once.
public final class TOMLProblemLog {
    public let source: String
    private let locator: TOMLLineLocator
    public private(set) var problems: [TOMLProblem] = []

    public init(source: String, text: String) {
        self.source = source
        self.locator = TOMLLineLocator(text: text)
    }

    @discardableResult
    public func report(_ path: TOMLPath, _ message: String) -> TOMLProblem {
        let problem = TOMLProblem(source: source, path: path, line: locator.line(of: path), message: message)
        problems.append(problem)
        return problem
    }

    /// A problem of the file as a whole (not of one key), at `line` when known.
    public func reportFile(_ message: String, line: Int? = nil) {
        problems.append(TOMLProblem(source: source, path: .root, line: line, message: message))
    }

    public var isEmpty: Bool { problems.isEmpty }

    /// One line per problem.
    public var text: String { problems.map(\.description).joined(separator: "\n") }
}
