import Foundation
import Logging

/// Keeps every log line (message and metadata) so tests can check that no personal data is logged.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    init(lines: Lines) { self.lines = lines }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.append("\(event.level) \(event.message) \(merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }

    static func logger() -> (Logger, Lines) {
        let lines = Lines()
        return (Logger(label: "session-test") { _ in RecordingLogHandler(lines: lines) }, lines)
    }
}
