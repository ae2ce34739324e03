import KioskCore
import TOMLKit

/// Reads typed values out of a parsed card file, collecting every problem and noting each key
/// it reads so that whatever is left over can be reported as unknown.
final class CardFileReader {
    private let root: TOMLTable
    private var readKeys: Set<String> = []
    private(set) var problems: [VirtualCardFileError.Problem] = []

    init(root: TOMLTable) {
        self.root = root
    }

    func report(_ key: String, _ message: String) {
        problems.append(.init(key: key, message: message))
    }

    // MARK: Values

    // Each accessor returns nil when the key is absent (a problem unless `required` is false) or
    // holds something unusable (always a problem).

    /// A string at `table.key` (or a top-level key when `table` is nil).
    func string(_ table: String?, _ key: String, required: Bool = true) -> String? {
        guard let node = node(table, key) else { return missing(table, key, required) }
        guard node.type == .string, let text = node.string else {
            return wrongType(table, key, node, expected: "a string")
        }
        return text
    }

    func int(_ table: String?, _ key: String, required: Bool = true) -> Int? {
        guard let node = node(table, key) else { return missing(table, key, required) }
        guard node.type == .int, let number = node.int else { return wrongType(table, key, node, expected: "an integer") }
        return number
    }

    func bool(_ table: String?, _ key: String, required: Bool = true) -> Bool? {
        guard let node = node(table, key) else { return missing(table, key, required) }
        guard node.type == .bool, let flag = node.bool else { return wrongType(table, key, node, expected: "true or false") }
        return flag
    }

    /// "YYYY-MM-DD" as a string or a TOML date. `personal`: the message does not repeat the text.
    func date(_ table: String?, _ key: String, personal: Bool) -> CalendarDate? {
        guard let node = node(table, key) else { return missing(table, key, true) }
        if node.type == .date, let date = node.date {
            guard let calendarDate = CalendarDate(year: date.year, month: date.month, day: date.day) else {
                report(path(table, key), "is not a real date")
                return nil
            }
            return calendarDate
        }
        guard node.type == .string, let text = node.string else { return wrongType(table, key, node, expected: "a date YYYY-MM-DD") }
        guard let date = CalendarDate(iso: text) else {
            report(path(table, key), personal ? "is not a real date YYYY-MM-DD" : "\"\(text)\" is not a real date YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// The string at `table.key` if there is one; reports nothing (for keys of several forms).
    func peekString(_ table: String, _ key: String) -> String? {
        guard let node = node(table, key), node.type == .string else { return nil }
        return node.string
    }

    func hasTable(_ table: String) -> Bool {
        root[table] != nil
    }

    // MARK: Unknown keys

    /// Reports every key of the file that was not read, and tables `allowed` does not name.
    func reportUnknownKeys(allowedTables: Set<String>, kind: String) {
        for key in root.keys.sorted() {
            guard let value = root[key] else { continue }
            if value.type == .table, let table = value.table {
                guard allowedTables.contains(key) else {
                    report(key, "is not a table of kind \"\(kind)\" cards (expected \(allowedTables.sorted().joined(separator: ", ")))")
                    continue
                }
                for inner in table.keys.sorted() where !readKeys.contains("\(key).\(inner)") {
                    report("\(key).\(inner)", "unknown key")
                }
            } else if !readKeys.contains(key) {
                report(key, "unknown key")
            }
        }
    }

    // MARK: Helpers

    private func path(_ table: String?, _ key: String) -> String {
        table.map { "\($0).\(key)" } ?? key
    }

    private func node(_ table: String?, _ key: String) -> TOMLValueConvertible? {
        readKeys.insert(path(table, key))
        guard let table else { return root[key] }
        guard let container = root[table] else { return nil }
        guard container.type == .table, let inner = container.table else {
            if !problems.contains(where: { $0.key == table }) { report(table, "must be a table [\(table)]") }
            return nil
        }
        return inner[key]
    }

    private func missing<Value>(_ table: String?, _ key: String, _ required: Bool) -> Value? {
        if required { report(path(table, key), "missing") }
        return nil
    }

    private func wrongType<Value>(_ table: String?, _ key: String, _ node: TOMLValueConvertible, expected: String) -> Value? {
        report(path(table, key), "is \(Self.describe(node.type)), expected \(expected)")
        return nil
    }

    private static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }
}
