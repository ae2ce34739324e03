import Glibc
import KioskConfig
import KioskCore

/// Listening sockets systemd hands to kioskd, as sd_listen_fds(3) defines the protocol (without
/// linking libsystemd): `$LISTEN_PID` is this process, `$LISTEN_FDS` sockets start at descriptor 3
/// (`SD_LISTEN_FDS_START`), and `$LISTEN_FDNAMES` names them, colon-separated, from each socket
/// unit's `FileDescriptorName=`. https://www.freedesktop.org/software/systemd/man/latest/sd_listen_fds.html
public enum SystemdSocketActivation {
    static let firstDescriptor: Int32 = 3

    /// The name `kioskd-ui.socket` gives the resident screen's socket (`FileDescriptorName=ui`).
    public static let residentScreenName = "ui"

    /// The sockets passed to this process by name; empty when kioskd was not socket-activated.
    /// Like `sd_listen_fds(1)` it marks them close-on-exec and unsets the variables, so nothing
    /// kioskd starts believes the sockets are its own.
    public static func takeListeners(environment: [String: String], pid: Int32 = getpid()) throws(KioskError) -> [String: Int32] {
        guard let countText = environment["LISTEN_FDS"] else { return [:] }
        defer { for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) } }
        // Variables meant for another process (inherited through a shell) are not ours to use.
        guard let owner = environment["LISTEN_PID"].flatMap({ Int32($0) }), owner == pid else { return [:] }
        guard let count = Int32(countText), count >= 0, count < 64 else {
            throw KioskError(.configInvalid, "LISTEN_FDS=\"\(countText)\" is not a number of sockets (sd_listen_fds(3))")
        }
        let names = environment["LISTEN_FDNAMES"].map { $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init) } ?? []
        guard names.isEmpty || names.count == Int(count) else {
            throw KioskError(.configInvalid, "LISTEN_FDNAMES names \(names.count) sockets but LISTEN_FDS passes \(count)")
        }
        var listeners: [String: Int32] = [:]
        for index in 0..<count {
            let descriptor = firstDescriptor + index
            guard fcntl(descriptor, F_SETFD, FD_CLOEXEC) == 0 else {
                throw KioskError(.configInvalid, "socket \(descriptor) from systemd is not open (errno \(errno))")
            }
            // "unknown" is what systemd passes for a socket without FileDescriptorName=.
            listeners[names.isEmpty ? "unknown" : names[Int(index)]] = descriptor
        }
        return listeners
    }
}

/// A listening TCP socket kioskd did not open itself: checked to be what the resident screen may use.
public struct InheritedListener: Sendable, Equatable {
    public let descriptor: Int32
    public let host: String
    public let port: Int

    /// Checks that `descriptor` is a listening TCP stream socket bound to a loopback address.
    public init(descriptor: Int32, name: String) throws(KioskError) {
        func option(_ level: Int32, _ name: Int32) -> Int32? {
            var value: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            return getsockopt(descriptor, level, name, &value, &length) == 0 ? value : nil
        }
        guard option(SOL_SOCKET, SO_TYPE) == Int32(SOCK_STREAM.rawValue) else {
            throw KioskError(.configInvalid, "socket \"\(name)\" from systemd is not a stream socket (ListenStream=)")
        }
        guard option(SOL_SOCKET, SO_ACCEPTCONN) == 1 else {
            throw KioskError(.configInvalid, "socket \"\(name)\" from systemd is not listening")
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw KioskError(.configInvalid, "socket \"\(name)\" from systemd has no address (errno \(errno))") }
        let address: (host: String, port: Int, loopback: Bool)
        switch Int32(storage.ss_family) {
        case AF_INET:
            address = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                    let raw = UInt32(bigEndian: inet.pointee.sin_addr.s_addr)
                    let host = "\(raw >> 24).\((raw >> 16) & 0xFF).\((raw >> 8) & 0xFF).\(raw & 0xFF)"
                    return (host, Int(UInt16(bigEndian: inet.pointee.sin_port)), raw >> 24 == 127)
                }
            }
        case AF_INET6:
            address = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                    var bytes = inet6.pointee.sin6_addr
                    let isLoopback = withUnsafeBytes(of: &bytes) { $0.dropLast().allSatisfy { $0 == 0 } && $0.last == 1 }
                    return ("::1", Int(UInt16(bigEndian: inet6.pointee.sin6_port)), isLoopback)
                }
            }
        default:
            throw KioskError(.configInvalid, "socket \"\(name)\" from systemd is not a TCP socket")
        }
        guard address.loopback else {
            throw KioskError(.configInvalid, "socket \"\(name)\" from systemd listens on \(address.host):\(address.port); the resident screen listens on loopback only (ListenStream=127.0.0.1:PORT)")
        }
        self.descriptor = descriptor
        self.host = address.host
        self.port = address.port
    }

    /// The socket must be the one `[ui] listen` names: the screen's Host check and the browser's URL both use it.
    public func check(against settings: KioskConfiguration.UI) throws(KioskError) {
        let configuredHost = settings.listenHost == "localhost" ? host : settings.listenHost
        guard configuredHost == host, settings.listenPort == port else {
            throw KioskError(.configInvalid, "ui.listen is \(settings.listenHost):\(settings.listenPort) but kioskd-ui.socket listens on \(host):\(port); set ListenStream= and [ui] listen to the same address")
        }
    }
}
