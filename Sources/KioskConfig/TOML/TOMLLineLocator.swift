import KioskCore

/// Finds the line of every table, array-of-tables element, key and inline-table element of a
/// TOML file (kiosk.conf, policy files), so problems found after parsing can name their line: TOMLKit reports positions
/// only for syntax errors. Handles `[table]`, `[[array]]` (numbered per parent element), dotted
/// and quoted keys, comments, and inline arrays of inline tables spread over several lines.
public struct TOMLLineLocator {
    private var lineOfPath: [TOMLPath: Int] = [:]

    public init(text: String) {
        var table = TOMLPath.root
        var lastElement: [TOMLPath: Int] = [:]
        var openValue: ValueScanner?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            if var scanner = openValue {
                scanner.scan(Substring(rawLine), line: lineNumber) { record($0, line: $1) }
                openValue = scanner.isOpen ? scanner : nil
                continue
            }
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                let inner = line.dropFirst(isArray ? 2 : 1).prefix { $0 != "]" }
                let names = Self.keyNames(inner)
                var path = TOMLPath.root
                for (position, name) in names.enumerated() {
                    path = path.key(name)
                    if isArray, position == names.count - 1 {
                        let element = (lastElement[path] ?? -1) + 1
                        lastElement[path] = element
                        path = path.index(element)
                    } else if let element = lastElement[path] {
                        path = path.index(element)
                    }
                }
                table = path
                record(path, line: lineNumber)
                continue
            }
            guard let equals = Self.assignmentIndex(in: line) else { continue }
            var path = table
            for name in Self.keyNames(line[..<equals]) { path = path.key(name) }
            record(path, line: lineNumber)
            var scanner = ValueScanner(path: path)
            scanner.scan(line[line.index(after: equals)...], line: lineNumber) { record($0, line: $1) }
            if scanner.isOpen { openValue = scanner }
        }

        func record(_ path: TOMLPath, line: Int) {
            if lineOfPath[path] == nil { lineOfPath[path] = line }
        }
    }

    /// The line of `path`, or of its nearest located ancestor.
    public func line(of path: TOMLPath) -> Int? {
        var current: TOMLPath? = path
        while let candidate = current {
            if let line = lineOfPath[candidate] { return line }
            current = candidate.parent
        }
        return nil
    }

    private static func keyNames(_ text: Substring) -> [String] {
        text.split(separator: ".").map { part in
            var name = part.trimmingCharacters(in: " \t")
            if name.count >= 2, let first = name.first, first == "\"" || first == "'", name.last == first {
                name = String(name.dropFirst().dropLast())
            }
            return name
        }
    }

    /// The `=` after a key, ignoring `=` inside quoted keys.
    private static func assignmentIndex(in line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            }
        }
        return nil
    }
}

/// Follows one value across lines: strings, nested brackets, and each inline table that is a
/// direct element of an array (reported as `path[n]`).
private struct ValueScanner {
    let path: TOMLPath
    private var brackets: [Character] = []
    private var string: StringKind?
    private var elements = 0

    private enum StringKind { case basic, literal, multilineBasic, multilineLiteral }

    init(path: TOMLPath) { self.path = path }

    var isOpen: Bool { !brackets.isEmpty || string == .multilineBasic || string == .multilineLiteral }

    mutating func scan(_ text: Substring, line: Int, element: (TOMLPath, Int) -> Void) {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let rest = text[index...]
            switch string {
            case .basic?:
                if character == "\\" { index = text.index(after: index) } else if character == "\"" { string = nil }
            case .literal?:
                if character == "'" { string = nil }
            case .multilineBasic?:
                if character == "\\" { index = text.index(after: index) } else if rest.hasPrefix("\"\"\"") {
                    string = nil
                    index = text.index(index, offsetBy: 2)
                }
            case .multilineLiteral?:
                if rest.hasPrefix("'''") {
                    string = nil
                    index = text.index(index, offsetBy: 2)
                }
            case nil:
                if rest.hasPrefix("\"\"\"") {
                    string = .multilineBasic
                    index = text.index(index, offsetBy: 2)
                } else if rest.hasPrefix("'''") {
                    string = .multilineLiteral
                    index = text.index(index, offsetBy: 2)
                } else if character == "\"" {
                    string = .basic
                } else if character == "'" {
                    string = .literal
                } else if character == "#" {
                    return
                } else if character == "[" || character == "{" {
                    if character == "{", brackets == ["["] {
                        element(path.index(elements), line)
                        elements += 1
                    }
                    brackets.append(character)
                } else if character == "]" || character == "}" {
                    _ = brackets.popLast()
                }
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        if string == .basic || string == .literal { string = nil }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
