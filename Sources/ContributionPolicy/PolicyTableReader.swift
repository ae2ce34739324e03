import KioskConfig
import KioskCore
import TOMLKit

/// Every problem of one policy file, each as "file:line: key.path: message".
final class PolicyProblemLog {
    let fileName: String
    private let locator: TOMLLineLocator
    private(set) var problems: [String] = []

    init(fileName: String, text: String) {
        self.fileName = fileName
        self.locator = TOMLLineLocator(text: text)
    }

    func report(_ path: TOMLPath, _ message: String) {
        let place = locator.line(of: path).map { "\(fileName):\($0)" } ?? fileName
        problems.append("\(place): \(path): \(message)")
    }
}

/// Typed, located access to one table of a policy file. Each key read is remembered, so
/// `rejectUnknownKeys()` catches misspelt keys that would otherwise be silently ignored.
final class PolicyTableReader {
    let path: TOMLPath
    let log: PolicyProblemLog
    private let table: TOMLTable
    private var readKeys: Set<String> = []

    init(_ table: TOMLTable, path: TOMLPath, log: PolicyProblemLog) {
        self.table = table
        self.path = path
        self.log = log
    }

    func report(_ key: String, _ message: String) { log.report(path.key(key), message) }

    func has(_ key: String) -> Bool { table[key] != nil }

    func required<Value>(_ key: String, _ kind: PolicyValueKind<Value>) -> Value? {
        guard has(key) else {
            readKeys.insert(key)
            report(key, "is missing; expected \(kind.expected)")
            return nil
        }
        return optional(key, kind)
    }

    func optional<Value>(_ key: String, _ kind: PolicyValueKind<Value>) -> Value? {
        readKeys.insert(key)
        guard let node = table[key] else { return nil }
        switch kind.read(node) {
        case .value(let value): return value
        case .wrongType: report(key, "is of type \(node.type), expected \(kind.expected)")
        case .invalid(let message): report(key, message)
        }
        return nil
    }

    /// An optional sub-table (`[window.after]`).
    func table(_ key: String, required: Bool = false) -> PolicyTableReader? {
        readKeys.insert(key)
        guard let node = table[key] else {
            if required { report(key, "is missing; expected a table [\(path.key(key))]") }
            return nil
        }
        guard let subtable = node.table else {
            report(key, "is of type \(node.type), expected a table")
            return nil
        }
        return PolicyTableReader(subtable, path: path.key(key), log: log)
    }

    /// An array of tables (`[[category]]` or `component = [{ … }, …]`); absent is empty.
    func tables(_ key: String) -> [PolicyTableReader] {
        readKeys.insert(key)
        guard let node = table[key] else { return [] }
        guard let array = node.array else {
            report(key, "is of type \(node.type), expected an array of tables")
            return []
        }
        var readers: [PolicyTableReader] = []
        for (position, element) in array.enumerated() {
            let elementPath = path.key(key).index(position)
            guard let subtable = element.table else {
                log.report(elementPath, "is of type \(element.type), expected a table")
                continue
            }
            readers.append(PolicyTableReader(subtable, path: elementPath, log: log))
        }
        return readers
    }

    func rejectUnknownKeys() {
        for key in table.keys.sorted() where !readKeys.contains(key) {
            report(key, "is not a known key here")
        }
    }
}
