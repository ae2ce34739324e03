import Foundation
import KioskCore

/// Replaces a file so that a crash at any moment leaves either the old content or the new one:
/// write a temporary file beside it, fsync it, rename it over the file, fsync the folder.
public enum AtomicFile {
    static let temporaryMarker = ".tmp-"

    /// `beforeRename` runs once the temporary file is durable and before it replaces `path`.
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o640, beforeRename: () -> Void = {}) throws(KioskError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + temporaryMarker + "\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        let written = data.withUnsafeBytes { bytes in writeAll(descriptor, bytes) }
        let synced = written && fsync(descriptor) == 0
        close(descriptor)
        guard synced else {
            unlink(temporary)
            throw failure("cannot write \(temporary)")
        }
        beforeRename()
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        try syncFolder(folder)
    }

    /// Why `path` could not be replaced (its folder not writable), or nil when it can be.
    public static func replaceProblem(_ path: String) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard access(folder, W_OK) != 0 else { return nil }
        return "kioskd cannot write in \(folder) to replace \(URL(fileURLWithPath: path).lastPathComponent) (\(String(cString: strerror(errno))))"
    }

    /// Temporary files an interrupted write left beside `path`; removes them and returns their names.
    public static func removeLeftovers(beside path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + temporaryMarker
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) }
        for name in names { unlink(folder + "/" + name) }
        return names
    }

    static func syncFolder(_ folder: String) throws(KioskError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open folder \(folder)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot sync folder \(folder)") }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return false }
            let count = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private static func failure(_ what: String) -> KioskError {
        KioskError(.configWriteFailed, "\(what): \(String(cString: strerror(errno)))")
    }
}
