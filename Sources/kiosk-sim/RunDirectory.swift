import Foundation
import Glibc

/// Where inserted cards leave their pid files: `$KIOSK_SIM_RUN_DIR`, else `$XDG_RUNTIME_DIR/kiosk-sim`,
/// else `/tmp/kiosk-sim-$UID`.
struct RunDirectory {
    let path: String

    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> RunDirectory {
        if let explicit = environment["KIOSK_SIM_RUN_DIR"], !explicit.isEmpty { return RunDirectory(path: explicit) }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return RunDirectory(path: runtime + "/kiosk-sim") }
        return RunDirectory(path: "/tmp/kiosk-sim-\(getuid())")
    }

    func pidFile(port: UInt16) -> PIDFile {
        PIDFile(path: "\(path)/card-\(port).pid")
    }

    /// Creates the directory (mode 0700) if needed; refuses one that belongs to another user,
    /// since anyone could then point `card remove` at an arbitrary process.
    func prepare() throws(RunDirectoryError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RunDirectoryError(message: "cannot create \(path): \(error.localizedDescription)")
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw RunDirectoryError(message: "\(path) is not a directory")
        }
        guard info.st_uid == getuid() else {
            throw RunDirectoryError(message: "\(path) belongs to another user; set KIOSK_SIM_RUN_DIR")
        }
    }
}

struct RunDirectoryError: Error {
    let message: String
}
