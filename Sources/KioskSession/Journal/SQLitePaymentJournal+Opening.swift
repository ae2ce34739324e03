import Foundation
import GRDB
import KioskCore
import Glibc

extension SQLitePaymentJournal {
    static func open(path: String) throws(KioskError) -> DatabaseQueue {
        try createDirectory(containing: path)
        try createFile(path)
        var configuration = Configuration()
        configuration.label = "payment-journal"
        configuration.busyMode = .timeout(5)
        // Not `journalMode = .wal`: GRDB's WAL set-up lowers synchronous to NORMAL, which may lose the
        // last commits on power loss. A journaled intent must survive that.
        configuration.prepareDatabase { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode?.lowercased() == "wal" else { throw OpenFailure("journal_mode is \(mode ?? "unknown"), not wal") }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let check = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else { throw OpenFailure("integrity check failed: \(check.prefix(3).joined(separator: "; "))") }
            if try queue.read({ db in try migrator.hasBeenSuperseded(db) }) {
                throw OpenFailure("written by a newer kioskd (unknown schema migrations)")
            }
            try migrator.migrate(queue)
            return queue
        } catch {
            throw KioskError(.journalUnavailable, "the payment journal \(path) is not a readable journal", cause: error)
        }
    }

    /// Missing folders are created 0700; existing ones are left as they are (systemd-tmpfiles owns /var/lib/kioskd).
    static func createDirectory(containing path: String) throws(KioskError) {
        var missing: [String] = []
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            missing.append(folder)
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder { break }
            folder = parent
        }
        for folder in missing.reversed() {
            guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
                throw KioskError(.journalUnavailable, "cannot create the journal folder \(folder) for \(path): \(String(cString: strerror(errno)))")
            }
            _ = chmod(folder, 0o700)
        }
    }

    /// Created empty with mode 0600 before SQLite opens it, so it never exists with wider permissions;
    /// SQLite gives the -wal and -shm files the same mode.
    static func createFile(_ path: String) throws(KioskError) {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            Glibc.close(descriptor)
        } else if errno != EEXIST {
            throw KioskError(.journalUnavailable, "cannot create the journal \(path): \(String(cString: strerror(errno)))")
        }
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw KioskError(.journalUnavailable, "cannot read the attributes of the journal \(path)", cause: error)
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw KioskError(.journalUnavailable, "the journal \(path) is not a regular file")
        }
        if attributes[.posixPermissions] as? Int != 0o600, chmod(path, 0o600) != 0 {
            throw KioskError(.journalUnavailable, "cannot make the journal \(path) mode 0600: \(String(cString: strerror(errno)))")
        }
    }

    struct OpenFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
