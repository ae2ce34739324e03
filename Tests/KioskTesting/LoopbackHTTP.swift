import Foundation
import Glibc

/// A minimal HTTP/1.1 GET to a loopback port, for the test stacks' web forms (ippeveprinter's
/// /media page). ippeveprinter always answers chunked and keeps the connection open, so the
/// response ends at its last chunk (or its Content-Length), not at EOF.
public enum LoopbackHTTP {
    public static func get(port: UInt16, path: String, timeoutSeconds: Int = 5) throws -> (status: Int, body: String) {
        let descriptor = try send(port: port, path: path, timeoutSeconds: timeoutSeconds)
        defer { close(descriptor) }
        return try receive(descriptor, port: port, path: path)
    }

    /// Connects and sends the request; the answer is read with `receive`. The caller closes the descriptor.
    public static func send(port: UInt16, path: String, timeoutSeconds: Int = 5) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let failure = errno
            close(descriptor)
            throw TestFixtureError("connect to 127.0.0.1:\(port): errno \(failure)")
        }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }) == request.count else {
            let failure = errno
            close(descriptor)
            throw TestFixtureError("send to 127.0.0.1:\(port): errno \(failure)")
        }
        return descriptor
    }

    /// Reads the answer to the request `send` made on `descriptor`.
    public static func receive(_ descriptor: Int32, port: UInt16, path: String) throws -> (status: Int, body: String) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let response = try parse(received) { return response }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                throw TestFixtureError("GET \(path) on port \(port): connection ended or timed out after \(received.count) bytes (errno \(errno))")
            }
            received += buffer[0..<count]
        }
    }

    /// The status and body once `bytes` hold a whole response, nil while more must come.
    private static func parse(_ bytes: [UInt8]) throws -> (status: Int, body: String)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headerEnd = bytes.firstRange(of: separator) else { return nil }
        let head = String(decoding: bytes[..<headerEnd.lowerBound], as: UTF8.self).lowercased()
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TestFixtureError("not an HTTP response: \(head.prefix(80))")
        }
        let body = Array(bytes[headerEnd.upperBound...])
        if lines.contains("transfer-encoding: chunked") {
            return dechunked(body).map { (status, String(decoding: $0, as: UTF8.self)) }
        }
        let length = lines.first { $0.hasPrefix("content-length:") }.flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return body.count >= length ? (status, String(decoding: body.prefix(length), as: UTF8.self)) : nil
    }

    /// The body of a complete chunked encoding, nil while its last chunk has not arrived.
    private static func dechunked(_ bytes: [UInt8]) -> [UInt8]? {
        let lineEnd: [UInt8] = Array("\r\n".utf8)
        var body: [UInt8] = []
        var index = bytes.startIndex
        while let sizeEnd = bytes[index...].firstRange(of: lineEnd) {
            let sizeText = String(decoding: bytes[index..<sizeEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            if size == 0 { return body }
            let start = sizeEnd.upperBound
            guard bytes.count >= start + size + 2 else { return nil }
            body += bytes[start..<start + size]
            index = start + size + 2
        }
        return nil
    }
}
