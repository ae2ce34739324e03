import Foundation
import KioskAPI
import KioskConfig
import KioskCore

/// The configuration history on disk (`[updates] history_directory`): `history.jsonl`, one event per
/// line, and `versions/<N>.conf` (+ `<N>.bundle.json`), every applied version, for rollback.
public struct ConfigHistory: Sendable {
    public let directory: String
    /// Versions kept on disk; older ones are removed (their history lines stay).
    static let keptVersions = 20

    public init(directory: String) {
        self.directory = directory
    }

    var logPath: String { directory + "/history.jsonl" }
    var versionsPath: String { directory + "/versions" }

    public func prepare() throws(KioskError) {
        do {
            try FileManager.default.createDirectory(atPath: versionsPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KioskError(.configWriteFailed, "cannot create the configuration history folder \(versionsPath): \(error.localizedDescription)")
        }
    }

    public func entries() -> [ConfigHistoryEntry] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return text.split(separator: "\n").compactMap { try? decoder.decode(ConfigHistoryEntry.self, from: Data($0.utf8)) }
    }

    /// Appends one line and syncs it: the history survives a crash right after.
    public func append(_ entry: ConfigHistoryEntry) throws(KioskError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(entry) else { throw KioskError(.configWriteFailed, "cannot encode a history entry") }
        line.append(UInt8(ascii: "\n"))
        let descriptor = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw KioskError(.configWriteFailed, "cannot open \(logPath): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let complete = line.withUnsafeBytes { bytes in bytes.baseAddress.map { write(descriptor, $0, bytes.count) == bytes.count } ?? false }
        guard complete, fsync(descriptor) == 0 else { throw KioskError(.configWriteFailed, "cannot write \(logPath): \(String(cString: strerror(errno)))") }
    }

    /// Keeps a version's kiosk.conf (and the bundle it came in) for a later rollback.
    public func keep(version: Int, document: String, bundle: ConfigBundle?) throws(KioskError) {
        try AtomicFile.write(Data(document.utf8), to: documentPath(version), mode: 0o600)
        if let bundle { try AtomicFile.write(bundle.encoded(), to: versionsPath + "/\(version).bundle.json", mode: 0o600) }
        prune()
    }

    public func document(version: Int) -> String? {
        try? String(contentsOfFile: documentPath(version), encoding: .utf8)
    }

    /// The bundle a kept version came in (nil: a local file).
    public func bundle(version: Int) -> ConfigBundle? {
        FileManager.default.contents(atPath: versionsPath + "/\(version).bundle.json").flatMap { try? ConfigBundle.decode($0) }
    }

    public func keptVersions() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: versionsPath)) ?? []
        return names.compactMap { $0.hasSuffix(".conf") ? Int($0.dropLast(".conf".count)) : nil }.sorted()
    }

    /// The highest version this kiosk ever applied: a bundle must be above it (no replay, no return
    /// to a version rolled back for failing).
    public func highestAppliedVersion() -> Int? {
        entries().filter { $0.event == .applied }.compactMap(\.version).max()
    }

    func documentPath(_ version: Int) -> String { versionsPath + "/\(version).conf" }

    private func prune() {
        for version in keptVersions().dropLast(Self.keptVersions) {
            unlink(documentPath(version))
            unlink(versionsPath + "/\(version).bundle.json")
        }
    }
}
