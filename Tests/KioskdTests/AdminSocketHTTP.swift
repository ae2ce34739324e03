import Foundation
import Glibc
import KioskTesting

/// One HTTP/1.1 request to kioskd's admin unix socket from this test process itself, so the
/// audit log must name this process's uid, gid and pid.
enum AdminSocketHTTP {
    static func request(socket path: String, _ method: String, _ target: String, body: String? = nil) throws -> (status: Int, body: String) {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw TestFixtureError("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes + [0]) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw TestFixtureError("connect to \(path): errno \(errno)") }
        let content = Array((body ?? "").utf8)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: \(content.count)\r\n"
        if body != nil { head += "Content-Type: application/json\r\n" }
        let request = Array((head + "\r\n").utf8) + content
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == request.count else {
            throw TestFixtureError("send to \(path): errno \(errno)")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else { throw TestFixtureError("\(method) \(target): no complete answer (errno \(errno)) after \(received.count) bytes") }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n"), let status = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TestFixtureError("not an HTTP answer: \(text.prefix(200))")
        }
        return (status, String(text[split.upperBound...]))
    }
}
