import Foundation
import KioskCore

/// A key-by-key comparison of two kiosk.conf texts (`kioskctl config diff`): comments, order and
/// spacing do not count, only values. Keys missing from a file show as absent (their default applies).
public struct ConfigKeyDiff: Sendable, Equatable {
    public struct Change: Sendable, Equatable, Codable {
        public var key: String
        /// The value as TOML text; nil when the key is absent.
        public var old: String?
        public var new: String?
    }

    public var changes: [Change]

    public init(old: String, new: String) throws(ConfigValidationError) {
        let before = try Self.flatten(old, source: "running configuration")
        let after = try Self.flatten(new, source: "new configuration")
        changes = Set(before.keys).union(after.keys).sorted().compactMap { key in
            guard before[key] != after[key] else { return nil }
            return Change(key: key, old: before[key], new: after[key])
        }
    }

    public var lines: [String] {
        changes.map { change in
            switch (change.old, change.new) {
            case (nil, let new?): "+ \(change.key) = \(new)"
            case (let old?, nil): "- \(change.key) = \(old)   (absent: the default applies)"
            case (let old?, let new?): "~ \(change.key): \(old) → \(new)"
            case (nil, nil): "  \(change.key)"
            }
        }
    }

    static func flatten(_ text: String, source: String) throws(ConfigValidationError) -> [String: String] {
        let log = TOMLProblemLog(source: source, text: text)
        guard let root = TOMLTableReader.root(of: text, log: log) else {
            throw ConfigValidationError(source: source, problems: log.problems.map(ConfigProblem.init))
        }
        return Dictionary(root.leafValues().map { ("\($0.path)", $0.text) }, uniquingKeysWith: { first, _ in first })
    }
}
