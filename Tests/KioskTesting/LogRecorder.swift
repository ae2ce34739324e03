import Logging
import Synchronization

/// Keeps every log line as kioskd's stdout shows it — `level label: key=value … message` — so tests
/// can check what reached the logs (and what must never reach them).
public struct LogRecorder: LogHandler {
    public final class Lines: Sendable {
        private let lines = Mutex<[String]>([])

        public init() {}

        func append(_ line: String) { lines.withLock { $0.append(line) } }
        public var all: [String] { lines.withLock { $0 } }
        public var text: String { all.joined(separator: "\n") }
    }

    let label: String
    let lines: Lines
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level

    public init(label: String, lines: Lines, logLevel: Logger.Level = .trace) {
        self.label = label
        self.lines = lines
        self.logLevel = logLevel
    }

    /// A logger whose lines go to `lines`.
    public static func logger(_ label: String, lines: Lines, logLevel: Logger.Level = .trace) -> Logger {
        Logger(label: label) { label in LogRecorder(label: label, lines: lines, logLevel: logLevel) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let pairs = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        lines.append("\(event.level) \(label):\(pairs) \(event.message)")
    }
}
