import KioskCore

/// kiosk.conf read with the kiosk's one TOML reader, section by section, collecting every problem.
///
/// Each accessor asks for its section and key, so afterwards `reportUnknownKeys()` names whatever the
/// file holds that nobody asked for. Environment variables named `KIOSK_<SECTION>_<KEY>` (upper case)
/// override scalar and list values from the file; their problems name the variable instead of a line.
final class ConfigDocument {
    private let root: TOMLTableReader?
    private let log: TOMLProblemLog
    private let environment: [String: String]
    private var sections: [String: TOMLTableReader?] = [:]
    private var reported: [ConfigProblem] = []
    private var drained = 0

    /// nil root: the text is not TOML (the syntax error is already a problem).
    init(text: String, source: String, environment: [String: String]) {
        log = TOMLProblemLog(source: source, text: text)
        root = TOMLTableReader.root(of: text, log: log)
        self.environment = environment
        drain()
    }

    var isTOML: Bool { root != nil }

    /// Whether the file has the optional `[section]` (or an environment override names a key of it).
    func hasSection(_ section: String) -> Bool {
        root?.has(section) == true || environment.keys.contains { $0.hasPrefix("KIOSK_\(section.uppercased())_") }
    }

    /// Every problem so far, in the order found.
    var problems: [ConfigProblem] {
        drain()
        return reported
    }

    func report(_ path: [String], _ message: String, environmentVariable: String? = nil) {
        if let environmentVariable {
            drain()
            reported.append(ConfigProblem(keyPath: path.joined(separator: "."), message: message, environmentVariable: environmentVariable))
        } else {
            log.report(TOMLPath(keys: path), message)
        }
    }

    // MARK: Typed accessors

    /// A string; `check` returns a message when the value is unacceptable.
    func string(_ section: String, _ key: String, default fallback: String? = nil, check: (String) -> String? = { _ in nil }) -> String {
        if let (variable, text) = override(section, key) {
            if let message = check(text) { report([section, key], message, environmentVariable: variable) }
            return text
        }
        guard let value = read(section, key, .string, required: fallback == nil) else {
            // An absent key takes its default, which must pass the check too (a TLS file that https needs).
            guard let fallback, self.section(section)?.has(key) != true else { return fallback ?? "" }
            if let message = check(fallback) { report([section, key], message) }
            return fallback
        }
        if let message = check(value) { report([section, key], message) }
        return value
    }

    func int(_ section: String, _ key: String, default fallback: Int? = nil, range: ClosedRange<Int>) -> Int {
        let outOfRange = { (number: Int) in "\(number) is out of range \(range.lowerBound)…\(range.upperBound)" }
        if let (variable, text) = override(section, key) {
            guard let number = Int(text) else {
                report([section, key], "\"\(text)\" is not an integer", environmentVariable: variable)
                return fallback ?? range.lowerBound
            }
            if !range.contains(number) { report([section, key], outOfRange(number), environmentVariable: variable) }
            return number
        }
        guard let number = read(section, key, .integer, required: fallback == nil) else { return fallback ?? range.lowerBound }
        if !range.contains(number) { report([section, key], outOfRange(number)) }
        return number
    }

    func bool(_ section: String, _ key: String, default fallback: Bool) -> Bool {
        if let (variable, text) = override(section, key) {
            switch text {
            case "true": return true
            case "false": return false
            default:
                report([section, key], "\"\(text)\" is not true or false", environmentVariable: variable)
                return fallback
            }
        }
        return read(section, key, .flag, required: false) ?? fallback
    }

    /// A list of strings; from the environment, comma-separated.
    func strings(_ section: String, _ key: String, default fallback: [String]? = nil, check: (String) -> String? = { _ in nil }) -> [String] {
        if let (variable, text) = override(section, key) {
            let items = text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            for item in items { if let message = check(item) { report([section, key], message, environmentVariable: variable) } }
            return items
        }
        guard let items = read(section, key, .texts, required: fallback == nil) else { return fallback ?? [] }
        for item in items { if let message = check(item) { report([section, key], message) } }
        return items
    }

    // MARK: Unknown keys

    /// Reports every section and key in the file that no accessor asked for.
    func reportUnknownKeys() {
        guard let root else { return }
        for key in root.keys {
            if let asked = sections[key] {
                asked?.rejectUnknownKeys()
            } else {
                root.refuse(key, root.isTable(key) ? "is not a known section" : "is not a known key here (a key belongs in a [section])")
            }
        }
    }

    // MARK: Lookup

    /// The environment's value for `section.key`; the file's key, overridden, still counts as known.
    private func override(_ section: String, _ key: String) -> (variable: String, text: String)? {
        _ = self.section(section)?.has(key)
        drain()
        let variable = "KIOSK_" + [section, key].joined(separator: "_").uppercased()
        return environment[variable].map { (variable, $0) }
    }

    private func read<Value>(_ section: String, _ key: String, _ kind: TOMLValueKind<Value>, required: Bool) -> Value? {
        defer { drain() }
        guard let reader = self.section(section) else {
            if required, let root, !root.has(section) {
                report([section, key], "is missing; expected \(kind.expected) (section [\(section)] not found)")
            }
            return nil
        }
        return required ? reader.required(key, kind) : reader.optional(key, kind)
    }

    /// The `[section]`, asked for once (a value that is not a table is reported once).
    private func section(_ name: String) -> TOMLTableReader? {
        if let known = sections[name] { return known }
        guard let root else { return nil }
        let section = root.has(name) ? root.table(name) : nil
        sections.updateValue(section, forKey: name)
        return section
    }

    /// Moves what the reader found into the problem list, keeping the order.
    private func drain() {
        for problem in log.problems.dropFirst(drained) {
            reported.append(ConfigProblem(problem))
        }
        drained = log.problems.count
    }
}
