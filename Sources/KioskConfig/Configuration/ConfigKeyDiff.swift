import Foundation
import KioskCore
import TOMLKit

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
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch {
            throw ConfigValidationError(source: source, problems: [ConfigProblem(keyPath: "", message: "invalid TOML: \(error)")])
        }
        var values: [String: String] = [:]
        for section in root.keys {
            guard let node = root[section] else { continue }
            guard let table = node.table else {
                values[section] = render(node)
                continue
            }
            for key in table.keys {
                if let value = table[key] { values["\(section).\(key)"] = render(value) }
            }
        }
        return values
    }

    static func render(_ node: TOMLValueConvertible) -> String {
        if let text = node.string { return quoted(text) }
        if let number = node.int { return "\(number)" }
        if let flag = node.bool { return "\(flag)" }
        if let number = node.double { return "\(number)" }
        if let array = node.array { return "[" + array.map(render).joined(separator: ", ") + "]" }
        return "(\(node.type.described))"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
