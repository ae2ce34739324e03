import KioskCore
import TOMLKit

/// Reads typed values out of a parsed TOML document while collecting every problem.
///
/// Each accessor records the key as known, so after all sections are read `unknownKeyProblems()`
/// names whatever the file holds that nobody asked for. Environment variables named
/// `KIOSK_<SECTION>_<KEY>` (upper case) override scalar and list values from the file.
final class ConfigDocument {
    private let root: TOMLTable
    private let locator: TOMLLineLocator
    private let environment: [String: String]
    private var knownPaths: Set<String> = []
    private(set) var problems: [ConfigProblem] = []

    init(root: TOMLTable, text: String, environment: [String: String]) {
        self.root = root
        self.locator = TOMLLineLocator(text: text)
        self.environment = environment
    }

    func report(_ path: [String], _ message: String, environmentVariable: String? = nil) {
        problems.append(ConfigProblem(
            keyPath: path.joined(separator: "."),
            message: message,
            line: environmentVariable == nil ? locator.line(of: TOMLPath(keys: path)) : nil,
            environmentVariable: environmentVariable
        ))
    }

    // MARK: Typed accessors

    /// A string; `check` returns a message when the value is unacceptable.
    func string(_ section: String, _ key: String, default fallback: String? = nil, check: (String) -> String? = { _ in nil }) -> String {
        let path = [section, key]
        let value: String?
        switch lookup(path) {
        case .missing: value = fallback
        case .environment(let variable, let text):
            if let message = check(text) { report(path, message, environmentVariable: variable) }
            return text
        case .file(let node):
            guard let text = node.string else { return wrongType(path, node, expected: "a string", fallback: fallback ?? "") }
            value = text
        }
        guard let value else {
            reportMissing(path, expected: "a string")
            return ""
        }
        if let message = check(value) { report(path, message) }
        return value
    }

    func int(_ section: String, _ key: String, default fallback: Int? = nil, range: ClosedRange<Int>) -> Int {
        let path = [section, key]
        func checked(_ number: Int, environmentVariable: String? = nil) -> Int {
            if !range.contains(number) {
                report(path, "\(number) is out of range \(range.lowerBound)…\(range.upperBound)", environmentVariable: environmentVariable)
            }
            return number
        }
        switch lookup(path) {
        case .missing:
            guard let fallback else {
                reportMissing(path, expected: "an integer")
                return range.lowerBound
            }
            return fallback
        case .environment(let variable, let text):
            guard let number = Int(text) else {
                report(path, "\"\(text)\" is not an integer", environmentVariable: variable)
                return fallback ?? range.lowerBound
            }
            return checked(number, environmentVariable: variable)
        case .file(let node):
            guard node.type == .int, let number = node.int else {
                return wrongType(path, node, expected: "an integer", fallback: fallback ?? range.lowerBound)
            }
            return checked(number)
        }
    }

    func bool(_ section: String, _ key: String, default fallback: Bool) -> Bool {
        let path = [section, key]
        switch lookup(path) {
        case .missing: return fallback
        case .environment(let variable, let text):
            switch text {
            case "true": return true
            case "false": return false
            default:
                report(path, "\"\(text)\" is not true or false", environmentVariable: variable)
                return fallback
            }
        case .file(let node):
            guard node.type == .bool, let flag = node.bool else { return wrongType(path, node, expected: "true or false", fallback: fallback) }
            return flag
        }
    }

    /// A list of strings; from the environment, comma-separated.
    func strings(_ section: String, _ key: String, default fallback: [String]? = nil, check: (String) -> String? = { _ in nil }) -> [String] {
        let path = [section, key]
        switch lookup(path) {
        case .missing:
            guard let fallback else {
                reportMissing(path, expected: "a list of strings")
                return []
            }
            return fallback
        case .environment(let variable, let text):
            let items = text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            for item in items { if let message = check(item) { report(path, message, environmentVariable: variable) } }
            return items
        case .file(let node):
            guard let array = node.array else { return wrongType(path, node, expected: "a list of strings", fallback: fallback ?? []) }
            var items: [String] = []
            for (index, element) in array.enumerated() {
                guard let item = element.string else {
                    report(path, "element \(index + 1) is \(Self.describe(element.type)), expected a string")
                    continue
                }
                if let message = check(item) { report(path, message) }
                items.append(item)
            }
            return items
        }
    }

    // MARK: Unknown keys

    /// Reports every key and section in the file that no accessor asked for.
    func reportUnknownKeys() {
        for key in root.keys.sorted() {
            guard let node = root[key] else { continue }
            guard knownPaths.contains(key) else {
                report([key], node.type == .table ? "unknown section" : "unknown key")
                continue
            }
            guard let table = node.table else {
                report([key], "expected a section ([\(key)]), found \(Self.describe(node.type))")
                continue
            }
            for child in table.keys.sorted() where !knownPaths.contains("\(key).\(child)") {
                report([key, child], "unknown key")
            }
        }
    }

    // MARK: Lookup

    private enum Lookup {
        case missing
        case environment(variable: String, text: String)
        case file(TOMLValueConvertible)
    }

    private func lookup(_ path: [String]) -> Lookup {
        knownPaths.insert(path[0])
        knownPaths.insert(path.joined(separator: "."))
        let variable = "KIOSK_" + path.joined(separator: "_").uppercased()
        if let text = environment[variable] { return .environment(variable: variable, text: text) }
        guard let section = root[path[0]]?.table, let node = section[path[1]] else { return .missing }
        return .file(node)
    }

    private func reportMissing(_ path: [String], expected: String) {
        let sectionPresent = root[path[0]]?.table != nil
        let suffix = sectionPresent ? "" : " (section [\(path[0])] not found)"
        report(path, "required key is missing: expected \(expected)\(suffix)")
    }

    private func wrongType<T>(_ path: [String], _ node: TOMLValueConvertible, expected: String, fallback: T) -> T {
        report(path, "expected \(expected), found \(Self.describe(node.type))")
        return fallback
    }

    static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "a list"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a floating-point number"
        case .bool: "a boolean"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }
}
