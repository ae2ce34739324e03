import KioskConfig
import KioskCore

/// A card file read with the kiosk's one TOML reader: values by `[table]` and key, every problem
/// collected with its key and line, and whatever is left over reported as unknown. A card written
/// in memory (`VirtualCardFile(holder:today:)`) is read the same way, with the same checks, without
/// a TOML text: its values are already typed.
final class CardFileReader {
    /// A value of a card written in memory.
    enum WrittenValue {
        case string(String)
        case int(Int)
        case date(CalendarDate)

        var value: Any {
            switch self {
            case .string(let text): text
            case .int(let number): number
            case .date(let date): date
            }
        }
    }

    private enum Content {
        case file(TOMLTableReader)
        case written([String: [String: WrittenValue]])
    }

    private let content: Content
    let log: TOMLProblemLog
    private var sections: [String: TOMLTableReader?] = [:]

    init(root: TOMLTableReader) {
        content = .file(root)
        log = root.log
    }

    /// `tables`: the top-level keys under "", each table's keys under its name.
    init(written tables: [String: [String: WrittenValue]], source: String) {
        content = .written(tables)
        log = TOMLProblemLog(source: source, text: "")
    }

    /// A problem of `key`, dotted ("holder.name").
    func report(_ key: String, _ message: String) {
        log.report(TOMLPath(keys: key.split(separator: ".").map(String.init)), message)
    }

    // MARK: Values

    // Each accessor returns nil when the key is absent (a problem unless `required` is false) or
    // holds something unusable (always a problem).

    /// A string at `table.key` (or a top-level key when `table` is nil).
    func string(_ table: String?, _ key: String, required: Bool = true) -> String? {
        read(table, key, .string, required: required)
    }

    func int(_ table: String?, _ key: String, required: Bool = true) -> Int? {
        read(table, key, .integer, required: required)
    }

    func bool(_ table: String?, _ key: String, required: Bool = true) -> Bool? {
        read(table, key, .flag, required: required)
    }

    /// "YYYY-MM-DD" as a string or a TOML date. `personal`: the message does not repeat the text.
    func date(_ table: String?, _ key: String, personal: Bool) -> CalendarDate? {
        read(table, key, .date(personal: personal), required: true)
    }

    /// The string at `table.key` if there is one; reports nothing (for keys of several forms).
    func peekString(_ table: String, _ key: String) -> String? {
        switch content {
        case .file:
            guard let section = section(table), section.has(key) else { return nil }
            // Another type is left to the key's real reading to report.
            return section.optional(key, TOMLValueKind.string.reportingNothing) ?? nil
        case .written(let tables):
            guard case .string(let text)? = tables[table]?[key] else { return nil }
            return text
        }
    }

    func hasTable(_ table: String) -> Bool {
        switch content {
        case .file(let root): root.has(table)
        case .written(let tables): tables[table] != nil
        }
    }

    // MARK: Unknown keys

    /// Reports every key of the file that was not read, and tables `allowedTables` does not name.
    func reportUnknownKeys(allowedTables: Set<String>, kind: String) {
        switch content {
        case .file(let root):
            for key in root.keys where root.isTable(key) {
                if allowedTables.contains(key) {
                    section(key)?.rejectUnknownKeys()
                } else {
                    root.refuse(key, "is not a table of kind \"\(kind)\" cards (expected \(allowedTables.sorted().joined(separator: ", ")))")
                }
            }
            root.rejectUnknownKeys()
        case .written:
            // `VirtualCardFile(holder:today:)` writes only the tables and keys this reader reads.
            break
        }
    }

    // MARK: Helpers

    private func read<Value>(_ table: String?, _ key: String, _ kind: TOMLValueKind<Value>, required: Bool) -> Value? {
        let dotted = table.map { "\($0).\(key)" } ?? key
        switch content {
        case .file(let root):
            guard let reader = table.map(section) ?? root else {
                if required, let table, !root.has(table) { report(dotted, "is missing; expected \(kind.expected)") }
                return nil
            }
            return required ? reader.required(key, kind) : reader.optional(key, kind)
        case .written(let tables):
            guard let written = tables[table ?? ""]?[key] else {
                if required { report(dotted, "is missing; expected \(kind.expected)") }
                return nil
            }
            guard let value = written.value as? Value else {
                report(dotted, "is written as \(type(of: written.value)), expected \(kind.expected)")
                return nil
            }
            return value
        }
    }

    /// The `[table]`, read once (a value that is not a table is reported once).
    private func section(_ name: String) -> TOMLTableReader? {
        guard case .file(let root) = content else { return nil }
        if let known = sections[name] { return known }
        guard root.has(name) else { return nil }
        let section = root.table(name)
        sections.updateValue(section, forKey: name)
        return section
    }
}
