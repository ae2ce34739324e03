import Foundation
import Glibc

/// A listening TCP socket held by the test as systemd holds a `.socket` unit's: it stays bound
/// while the daemon it is passed to stops and starts.
public final class SystemdSocket: @unchecked Sendable {
    public let descriptor: Int32
    public let port: Int

    /// Listens on `host` (an IPv4 address) and a port the kernel chooses.
    public init(host: String = "127.0.0.1") throws {
        let opened = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard opened >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        // Numbered above 3: SpawnedProcess dup2s it onto the child's 3, which clears close-on-exec there only.
        let descriptor = fcntl(opened, F_DUPFD_CLOEXEC, 20)
        close(opened)
        guard descriptor >= 0 else { throw TestFixtureError("F_DUPFD_CLOEXEC: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(host)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 16) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard ok else {
            let failure = errno
            close(descriptor)
            throw TestFixtureError("cannot listen on \(host): errno \(failure)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    /// The arguments that start `executable` the way systemd starts a socket-activated service:
    /// `$LISTEN_PID` must be the daemon's own pid, so a shell sets it and then execs the daemon.
    public static func activationCommand(_ executable: String, _ arguments: [String], names: [String]) -> (String, [String]) {
        let script = "export LISTEN_PID=$$ LISTEN_FDS=\(names.count) LISTEN_FDNAMES=\(names.joined(separator: ":")); exec \"$0\" \"$@\""
        return ("/bin/sh", ["-c", script, executable] + arguments)
    }

    /// What a local process gets when it tries to bind `host:port` as a squatter would (with
    /// SO_REUSEADDR): 0 when it got the port, else the errno.
    public static func squat(host: String, port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return errno }
        return listen(descriptor, 1) == 0 ? 0 : errno
    }
}
