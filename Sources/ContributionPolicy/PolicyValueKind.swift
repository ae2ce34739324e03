import KioskCore
import TOMLKit

enum PolicyValueRead<Value> {
    case value(Value)
    case wrongType
    case invalid(String)
}

/// How to read one kind of value, and what to call it in a message.
struct PolicyValueKind<Value> {
    let expected: String
    let read: (any TOMLValueConvertible) -> PolicyValueRead<Value>
}

extension PolicyValueKind where Value == String {
    static var text: Self {
        .init(expected: "a string") { node in
            guard let text = node.string else { return .wrongType }
            return text.isEmpty ? .invalid("is empty") : .value(text)
        }
    }

    /// A citation of a seed notice: "000_b5fc021d980b42dd.txt:20" or "…txt:22-23".
    static var citation: Self {
        .init(expected: "a citation \"NNN_<16 hex>.txt:LINE\"") { node in
            guard let text = node.string else { return .wrongType }
            return SeedCitation.isValid(text) ? .value(text) : .invalid("\"\(text)\" is not a citation like \"000_b5fc021d980b42dd.txt:20\" or \"…txt:22-23\"")
        }
    }
}

extension PolicyValueKind where Value == Int {
    static func integer(_ range: ClosedRange<Int>) -> Self {
        .init(expected: "an integer \(range.lowerBound)…\(range.upperBound)") { node in
            guard node.type == .int, let number = node.int else { return .wrongType }
            return range.contains(number) ? .value(number) : .invalid("\(number) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
    }
}

extension PolicyValueKind where Value == Bool {
    static var flag: Self {
        .init(expected: "true or false") { node in node.bool.map { .value($0) } ?? .wrongType }
    }
}

extension PolicyValueKind where Value == Money {
    /// Integer fen, never negative.
    static var fen: Self {
        .init(expected: "an amount in integer fen") { node in
            guard node.type == .int, let fen = node.int else { return .wrongType }
            return fen >= 0 ? .value(Money(fen: Int64(fen))) : .invalid("\(fen) is negative")
        }
    }
}

extension PolicyValueKind where Value == CalendarDate {
    /// "YYYY-MM-DD" as a string or a TOML date.
    static var date: Self {
        .init(expected: "a date \"YYYY-MM-DD\"") { node in
            if let date = node.date {
                guard let calendarDate = CalendarDate(year: date.year, month: date.month, day: date.day) else { return .invalid("is not a real date") }
                return .value(calendarDate)
            }
            guard let text = node.string else { return .wrongType }
            return CalendarDate(iso: text).map { .value($0) } ?? .invalid("\"\(text)\" is not a date YYYY-MM-DD")
        }
    }
}

extension PolicyValueKind where Value == [String] {
    static var texts: Self {
        .init(expected: "an array of strings") { node in
            guard let array = node.array else { return .wrongType }
            let texts = array.compactMap(\.string)
            return texts.count == array.count ? .value(texts) : .wrongType
        }
    }
}

extension PolicyValueKind where Value == [Int] {
    static var integers: Self {
        .init(expected: "an array of integers") { node in
            guard let array = node.array else { return .wrongType }
            let numbers = array.compactMap(\.int)
            return numbers.count == array.count ? .value(numbers) : .wrongType
        }
    }
}
