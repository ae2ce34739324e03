import Foundation
import Glibc

/// A loopback TCP port that refuses connections for as long as this value lives: bound but never
/// listening, so no other server (tests run in parallel) can take it in the meantime.
/// Call `release()` when done: that also keeps the reservation alive until then.
public final class ClosedPort: @unchecked Sendable {
    public let port: Int
    private let descriptor: Int32
    private var released = false

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard descriptor >= 0, ok else {
            close(descriptor)
            throw TestFixtureError("cannot reserve a loopback port: errno \(errno)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    public func release() {
        guard !released else { return }
        released = true
        close(descriptor)
    }

    deinit { release() }
}
