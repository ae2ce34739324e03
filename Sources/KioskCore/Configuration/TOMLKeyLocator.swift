import Foundation

/// Finds the line on which each table header and key is written.
///
/// TOMLKit (toml++) reports positions only for syntax errors, so semantic problems are located
/// by this light scan of the source text. It understands table headers, bare/quoted/dotted keys,
/// comments and multi-line strings, which is all a hand-edited configuration uses.
struct TOMLKeyLocator {
    private var lineOfPath: [String: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var openMultilineDelimiter: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = String(rawLine)
            if let delimiter = openMultilineDelimiter {
                if line.occurrences(of: delimiter) % 2 == 1 { openMultilineDelimiter = nil }
                continue
            }
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("[[") { continue }
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
                table = Self.keyComponents(String(trimmed[trimmed.index(after: trimmed.startIndex)..<close]))
                record(table, line: lineNumber)
                continue
            }
            guard let equals = Self.assignmentIndex(in: trimmed) else { continue }
            let key = Self.keyComponents(String(trimmed[..<equals]))
            guard !key.isEmpty else { continue }
            record(table + key, line: lineNumber)
            let value = String(trimmed[trimmed.index(after: equals)...])
            for delimiter in ["\"\"\"", "'''"] where value.occurrences(of: delimiter) % 2 == 1 {
                openMultilineDelimiter = delimiter
            }
        }
    }

    /// The line of `keyPath`, or of its nearest written ancestor (e.g. the section header).
    func line(of keyPath: [String]) -> Int? {
        var path = keyPath
        while !path.isEmpty {
            if let line = lineOfPath[path.joined(separator: ".")] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], line: Int) {
        let key = path.joined(separator: ".")
        if lineOfPath[key] == nil { lineOfPath[key] = line }
    }

    /// Index of the `=` that ends a key, ignoring `=` inside quoted keys; nil for comments and values.
    private static func assignmentIndex(in line: String) -> String.Index? {
        guard let first = line.first, first != "#" else { return nil }
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if !(character.isLetter || character.isNumber || "_-. \t".contains(character)) {
                return nil
            }
        }
        return nil
    }

    private static func keyComponents(_ key: String) -> [String] {
        key.split(separator: ".").map {
            var part = String($0).trimmingWhitespace()
            if part.count >= 2, let first = part.first, first == "\"" || first == "'", part.last == first {
                part = String(part.dropFirst().dropLast())
            }
            return part
        }.filter { !$0.isEmpty }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
