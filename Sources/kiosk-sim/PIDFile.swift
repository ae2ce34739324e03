import Foundation
import Glibc

/// `card-<port>.pid`: the pid of the `kiosk-sim card insert` holding a card in that port's reader.
struct PIDFile {
    let path: String

    func write(_ pid: pid_t) throws(RunDirectoryError) {
        let temporary = path + ".tmp"
        do {
            try Data("\(pid)\n".utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw RunDirectoryError(message: "cannot write \(temporary): \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            throw RunDirectoryError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    func remove() {
        unlink(path)
    }

    var exists: Bool { access(path, F_OK) == 0 }

    /// The pid in the file if that process is still a running kiosk-sim (the pid may have been
    /// reused since, or the process killed without cleaning up).
    func livePID() -> pid_t? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return nil }
        return Self.isRunningKioskSim(pid) ? pid : nil
    }

    /// A zombie has an empty command line, so it does not count either.
    static func isRunningKioskSim(_ pid: pid_t) -> Bool {
        guard let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = commandLine.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.first?.hasSuffix("kiosk-sim") == true && arguments.contains("insert")
    }
}
