import Foundation

/// A datagram socket standing in for systemd's `$NOTIFY_SOCKET`, collecting sd_notify messages.
public final class NotifySocket: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32

    public init(directory: TemporaryDirectory) throws {
        path = directory.file("notify.sock")
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TestFixtureError("socket(AF_UNIX, SOCK_DGRAM) failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw TestFixtureError("bind \(path) failed: errno \(errno)") }
    }

    deinit { close(descriptor) }

    /// Waits for a datagram containing `line` (e.g. `READY=1`); returns every datagram seen meanwhile.
    ///
    /// Never blocks a cooperative thread, and reads what has arrived once more after the deadline:
    /// a task resumed late on a busy machine still sees the datagrams that came in time.
    public func waitFor(_ line: String, timeout: Duration) async -> (found: Bool, messages: [String]) {
        var messages: [String] = []
        let deadline = ContinuousClock.now + timeout
        while true {
            let pastDeadline = ContinuousClock.now >= deadline
            while let message = receive() {
                messages.append(message)
                if message.split(separator: "\n").contains(Substring(line)) { return (true, messages) }
            }
            if pastDeadline { return (false, messages) }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    private func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }
}
