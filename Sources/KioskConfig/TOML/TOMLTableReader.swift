import KioskCore
import TOMLKit

/// The one way the kiosk reads a TOML file (kiosk.conf, device profiles, policy files, card files,
/// the sandbox's residents): typed, located access to one table. Each key read is remembered, so
/// `rejectUnknownKeys()` catches a misspelt key that would otherwise be silently ignored; every
/// problem goes to the file's `TOMLProblemLog` with its key path and line, and reading goes on, so a
/// file's problems are reported all at once.
public final class TOMLTableReader {
    public let path: TOMLPath
    public let log: TOMLProblemLog
    private let table: TOMLTable
    private var readKeys: Set<String> = []

    public init(_ table: TOMLTable, path: TOMLPath, log: TOMLProblemLog) {
        self.table = table
        self.path = path
        self.log = log
    }

    /// The root table of `text`; nil (with the syntax error, its line and column, in `log`) when the
    /// text is not TOML.
    public static func root(of text: String, log: TOMLProblemLog) -> TOMLTableReader? {
        do {
            return TOMLTableReader(try TOMLTable(string: text), path: .root, log: log)
        } catch let error as TOMLParseError {
            log.reportFile("invalid TOML at column \(error.source.begin.column): \(error.description)", line: error.source.begin.line)
        } catch {
            log.reportFile("invalid TOML: \(error)")
        }
        return nil
    }

    public func report(_ key: String, _ message: String) { log.report(path.key(key), message) }

    /// Whether the table has `key`; asking counts as reading it (a key whose presence alone
    /// decides something is a known key).
    public func has(_ key: String) -> Bool {
        readKeys.insert(key)
        return table[key] != nil
    }

    public var keys: [String] { table.keys.sorted() }

    public func isTable(_ key: String) -> Bool { table[key]?.type == .table }

    /// Reports `key` as not belonging here, with a message of the caller's (and counts it as read).
    public func refuse(_ key: String, _ message: String) {
        readKeys.insert(key)
        report(key, message)
    }

    public func required<Value>(_ key: String, _ kind: TOMLValueKind<Value>) -> Value? {
        guard has(key) else {
            readKeys.insert(key)
            report(key, "is missing; expected \(kind.expected)")
            return nil
        }
        return optional(key, kind)
    }

    public func optional<Value>(_ key: String, _ kind: TOMLValueKind<Value>) -> Value? {
        readKeys.insert(key)
        guard let node = table[key] else { return nil }
        switch kind.read(node) {
        case .value(let value): return value
        case .wrongType: report(key, "is \(node.type.described), expected \(kind.expected)")
        case .invalid(let message): report(key, message)
        }
        return nil
    }

    /// A sub-table (`[window.after]`); absent is nil, and a problem when `required`.
    public func table(_ key: String, required: Bool = false) -> TOMLTableReader? {
        readKeys.insert(key)
        guard let node = table[key] else {
            if required { report(key, "is missing; expected a table [\(path.key(key))]") }
            return nil
        }
        guard let subtable = node.table else {
            report(key, "is \(node.type.described), expected a table [\(path.key(key))]")
            return nil
        }
        return TOMLTableReader(subtable, path: path.key(key), log: log)
    }

    /// An array of tables (`[[category]]` or `component = [{ … }, …]`); absent is empty.
    public func tables(_ key: String) -> [TOMLTableReader] {
        readKeys.insert(key)
        guard let node = table[key] else { return [] }
        guard let array = node.array else {
            report(key, "is \(node.type.described), expected an array of tables")
            return []
        }
        var readers: [TOMLTableReader] = []
        for (position, element) in array.enumerated() {
            let elementPath = path.key(key).index(position)
            guard let subtable = element.table else {
                log.report(elementPath, "is \(element.type.described), expected a table")
                continue
            }
            readers.append(TOMLTableReader(subtable, path: elementPath, log: log))
        }
        return readers
    }

    /// Every value under this table, at any depth (in sub-tables and arrays of tables), with its path,
    /// as TOML text: what `kioskctl config diff` compares. Reads nothing for `rejectUnknownKeys()`.
    public func leafValues() -> [(path: TOMLPath, text: String)] {
        Self.leaves(of: table, at: path)
    }

    private static func leaves(of table: TOMLTable, at path: TOMLPath) -> [(path: TOMLPath, text: String)] {
        table.keys.sorted().flatMap { key -> [(path: TOMLPath, text: String)] in
            guard let node = table[key] else { return [] }
            let keyPath = path.key(key)
            if let subtable = node.table { return leaves(of: subtable, at: keyPath) }
            if let array = node.array, !array.isEmpty, array.allSatisfy({ $0.table != nil }) {
                return array.enumerated().flatMap { position, element in leaves(of: element.table!, at: keyPath.index(position)) }
            }
            return [(keyPath, text(of: node))]
        }
    }

    /// A value as TOML text: strings quoted and escaped, arrays element by element.
    static func text(of node: TOMLValueConvertible) -> String {
        if let string = node.string {
            return "\"" + string.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        if let number = node.int { return "\(number)" }
        if let flag = node.bool { return "\(flag)" }
        if let number = node.double { return "\(number)" }
        if let array = node.array { return "[" + array.map(text(of:)).joined(separator: ", ") + "]" }
        return "(\(node.type.described))"
    }

    /// Reports every key of this table that nobody read.
    public func rejectUnknownKeys() {
        for key in table.keys.sorted() where !readKeys.contains(key) {
            report(key, "is not a known key here")
        }
    }
}
