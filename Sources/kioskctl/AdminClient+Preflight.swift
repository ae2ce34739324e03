import Foundation
import Glibc

extension AdminClient {
    /// Fails at once, naming the reason, when nothing accepts connections on the socket: the HTTP
    /// client would keep retrying a missing socket until its timeout.
    func preflight() throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected != 0 else { return }
        let reason = String(cString: strerror(errno))
        throw AdminClientError("cannot reach kioskd at \(socketPath): \(reason) — is kioskd running, and may you use its socket? (pick another kiosk with --socket)")
    }
}
