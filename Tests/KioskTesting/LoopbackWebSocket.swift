import Foundation
import Glibc

/// A WebSocket handshake by hand on a loopback port, to check what kioskd's resident UI accepts
/// (origin rules) and the first frame it pushes, without a browser.
public enum LoopbackWebSocket {
    /// The handshake's status and, when upgraded, the payload of the first text frame.
    public static func open(port: Int, path: String = "/ws", origin: String?, timeoutSeconds: Int = 5) throws -> (status: Int, firstText: String?) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFixtureError("connect to 127.0.0.1:\(port): errno \(errno)") }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let origin { request += "Origin: \(origin)\r\n" }
        let bytes = Array((request + "\r\n").utf8)
        guard bytes.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw TestFixtureError("send: errno \(errno)")
        }
        var received: [UInt8] = []
        func more() throws {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw TestFixtureError("connection ended or timed out after \(received.count) bytes") }
            received += buffer[0..<count]
        }
        let separator = Array("\r\n\r\n".utf8)
        while received.firstRange(of: separator) == nil { try more() }
        guard let headEnd = received.firstRange(of: separator) else { throw TestFixtureError("no HTTP head") }
        let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
        guard let status = head.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TestFixtureError("not an HTTP response: \(head.prefix(80))")
        }
        guard status == 101 else { return (status, nil) }
        var frame = Array(received[headEnd.upperBound...])
        func need(_ count: Int) throws {
            while frame.count < count {
                received = []
                try more()
                frame += received
            }
        }
        try need(2)
        var length = Int(frame[1] & 0x7F)
        var offset = 2
        if length == 126 {
            try need(4)
            length = Int(frame[2]) << 8 | Int(frame[3])
            offset = 4
        } else if length == 127 {
            try need(10)
            length = frame[2..<10].reduce(0) { $0 << 8 | Int($1) }
            offset = 10
        }
        try need(offset + length)
        return (status, String(decoding: frame[offset..<offset + length], as: UTF8.self))
    }
}
