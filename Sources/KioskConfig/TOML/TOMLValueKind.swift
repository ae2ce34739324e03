import KioskCore
import TOMLKit

public enum TOMLValueRead<Value> {
    case value(Value)
    case wrongType
    case invalid(String)
}

/// How to read one kind of value, and what to call it in a message.
public struct TOMLValueKind<Value> {
    public let expected: String
    public let read: (any TOMLValueConvertible) -> TOMLValueRead<Value>

    public init(expected: String, read: @escaping (any TOMLValueConvertible) -> TOMLValueRead<Value>) {
        self.expected = expected
        self.read = read
    }

    /// The same kind with a check of the value read: `check` returns the problem, or nil.
    public func checked(_ check: @escaping (Value) -> String?) -> Self {
        Self(expected: expected) { node in
            guard case .value(let value) = read(node) else { return read(node) }
            return check(value).map { .invalid($0) } ?? .value(value)
        }
    }

    /// The same kind, but a value of another type or an unacceptable one reads as nil without a problem.
    public var reportingNothing: TOMLValueKind<Value?> {
        TOMLValueKind<Value?>(expected: expected) { node in
            if case .value(let value) = read(node) { return .value(value) }
            return .value(nil)
        }
    }

    /// The same kind, its value turned into another type.
    public func map<Other>(_ transform: @escaping (Value) -> Other) -> TOMLValueKind<Other> {
        TOMLValueKind<Other>(expected: expected) { node in
            switch read(node) {
            case .value(let value): .value(transform(value))
            case .wrongType: .wrongType
            case .invalid(let message): .invalid(message)
            }
        }
    }
}

extension TOMLValueKind where Value == String {
    /// Any string, empty included.
    public static var string: Self {
        .init(expected: "a string") { node in
            guard node.type == .string, let text = node.string else { return .wrongType }
            return .value(text)
        }
    }

    /// A string with something in it.
    public static var text: Self {
        string.checked { $0.isEmpty ? "is empty" : nil }
    }
}

extension TOMLValueKind where Value == Int {
    public static var integer: Self {
        .init(expected: "an integer") { node in
            guard node.type == .int, let number = node.int else { return .wrongType }
            return .value(number)
        }
    }

    public static func integer(_ range: ClosedRange<Int>) -> Self {
        .init(expected: "an integer \(range.lowerBound)…\(range.upperBound)") { node in
            guard node.type == .int, let number = node.int else { return .wrongType }
            return range.contains(number) ? .value(number) : .invalid("\(number) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
    }
}

extension TOMLValueKind where Value == Bool {
    public static var flag: Self {
        .init(expected: "true or false") { node in
            guard node.type == .bool, let flag = node.bool else { return .wrongType }
            return .value(flag)
        }
    }
}

extension TOMLValueKind where Value == Money {
    /// Integer fen, never negative.
    public static var fen: Self {
        .init(expected: "an amount in integer fen") { node in
            guard node.type == .int, let fen = node.int else { return .wrongType }
            return fen >= 0 ? .value(Money(fen: Int64(fen))) : .invalid("\(fen) is negative")
        }
    }
}

extension TOMLValueKind where Value == CalendarDate {
    public static var date: Self { date(personal: false) }

    /// "YYYY-MM-DD" as a string or a TOML date; `personal`: the message does not repeat the text.
    public static func date(personal: Bool = false) -> Self {
        .init(expected: "a date \"YYYY-MM-DD\"") { node in
            if node.type == .date, let date = node.date {
                guard let calendarDate = CalendarDate(year: date.year, month: date.month, day: date.day) else { return .invalid("is not a real date") }
                return .value(calendarDate)
            }
            guard node.type == .string, let text = node.string else { return .wrongType }
            return CalendarDate(iso: text).map { .value($0) }
                ?? .invalid(personal ? "is not a real date YYYY-MM-DD" : "\"\(text)\" is not a date YYYY-MM-DD")
        }
    }
}

extension TOMLValueKind where Value == [String] {
    public static var texts: Self {
        .init(expected: "an array of strings") { node in
            guard let array = node.array else { return .wrongType }
            var texts: [String] = []
            for (index, element) in array.enumerated() {
                guard element.type == .string, let text = element.string else {
                    return .invalid("element \(index + 1) is \(element.type.described), expected a string")
                }
                texts.append(text)
            }
            return .value(texts)
        }
    }
}

extension TOMLValueKind where Value == [Int] {
    public static var integers: Self {
        .init(expected: "an array of integers") { node in
            guard let array = node.array else { return .wrongType }
            let numbers = array.compactMap { $0.type == .int ? $0.int : nil }
            return numbers.count == array.count ? .value(numbers) : .wrongType
        }
    }
}

extension TOMLValueKind where Value == [UInt8] {
    /// Hex text such as "FFB00000" (spaces allowed between bytes) of `count` bytes.
    public static func hexBytes(count: ClosedRange<Int>) -> Self {
        let size = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)–\(count.upperBound)"
        return .init(expected: "\(size) bytes of hex") { node in
            guard node.type == .string, let text = node.string else { return .wrongType }
            guard let bytes = HexBytes.parse(text), count.contains(bytes.count) else { return .invalid("\"\(text)\" is not \(size) bytes of hex") }
            return .value(bytes)
        }
    }
}

extension TOMLType {
    /// "an integer", "a table": what a problem message says a value is.
    public var described: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
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
