import Foundation
import Glibc

/// A private D-Bus system bus for the printer stacks: ippeveprinter connects to the system bus
/// even with `-r off`, and exits when that bus goes away. One per test process, started on first
/// use, dying with the process (setpriv --pdeathsig, see PersistentSpawnThread).
public actor PrivateSystemBus {
    public static let shared = PrivateSystemBus()

    private var daemon: SpawnedProcess?
    private var directory: TemporaryDirectory?

    /// The start under way or done: every caller waits for the same one. (Two tests asking at once
    /// used to get the address before the bus took connections, and ippeveprinter then exited with
    /// "Unable to initialize DNS-SD".)
    private var starting: Task<String, any Error>?

    /// The bus address for DBUS_SYSTEM_BUS_ADDRESS, once the bus takes connections; started on first
    /// use, and again if it has died or stopped taking connections.
    public func address() async throws -> String {
        while true {
            if let current = starting {
                let address: String
                do {
                    address = try await current.value
                } catch {
                    if starting == current { starting = nil }
                    throw error
                }
                guard starting == current else { continue }
                if let daemon, daemon.isRunning, let directory, Self.accepts(directory.file("bus.sock")) { return address }
            }
            starting = Task { try await self.start() }
        }
    }

    private func start() async throws -> String {
        if let daemon {
            // Gone, or no longer taking connections: a new bus replaces it (its log says why, if it wrote one).
            await daemon.stop(grace: .seconds(2))
            StackCleanup.unregister(pid: daemon.pid)
            self.daemon = nil
        }
        let directory = try self.directory ?? TemporaryDirectory(prefix: "dbus")
        if self.directory == nil { FolderCleanup.removeAtExit(directory.path) }
        self.directory = directory
        let socketPath = directory.file("bus.sock")
        try? FileManager.default.removeItem(atPath: socketPath)
        let configuration = try directory.write("bus.conf", """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
              "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>unix:path=\(socketPath)</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
              </policy>
            </busconfig>
            """)
        let log = directory.file("dbus.log")
        let process: SpawnedProcess
        do {
            process = try PersistentSpawnThread.shared.run {
                try SpawnedProcess("/usr/bin/setpriv", [
                    "--pdeathsig", "TERM", "--", "/usr/bin/dbus-daemon", "--config-file=\(configuration)", "--nofork", "--nopidfile",
                ], environment: ProcessInfo.processInfo.environment, outputPath: log, errorPath: log)
            }
        } catch {
            throw TestFixtureError("cannot start /usr/bin/dbus-daemon (apt-get install dbus): \(error)")
        }
        daemon = process
        StackCleanup.register(pid: process.pid)
        try await process.waitUntilReady("dbus-daemon", waitingFor: "take a connection on \(socketPath)", timeout: .seconds(10), log: { StackLog.tail(log) }) {
            Self.accepts(socketPath)
        }
        return "unix:path=" + socketPath
    }
}

extension PrivateSystemBus {
    /// Whether something accepts a connection on the bus's unix socket now.
    static func accepts(_ path: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }
}

enum StackLog {
    static func tail(_ path: String, _ count: Int = 800) -> String {
        String(((try? String(contentsOfFile: path, encoding: .utf8)) ?? "(no log)").suffix(count))
    }
}

/// Removes folders of stacks that live as long as the test process, when it exits.
enum FolderCleanup {
    nonisolated(unsafe) private static var paths: [String] = []
    private static let lock = NSLock()
    private static let installed: Void = {
        atexit {
            FolderCleanup.lock.lock()
            // A daemon that got SIGTERM may be deleting its socket at the same time: a second pass removes what is left.
            for path in FolderCleanup.paths where (try? FileManager.default.removeItem(atPath: path)) == nil {
                try? FileManager.default.removeItem(atPath: path)
            }
            FolderCleanup.lock.unlock()
        }
    }()

    static func removeAtExit(_ path: String) {
        _ = installed
        lock.lock()
        paths.append(path)
        lock.unlock()
    }
}
