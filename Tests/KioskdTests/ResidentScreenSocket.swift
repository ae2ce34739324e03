import Foundation
import Glibc
import KioskTesting

/// The resident screen's WebSocket as the page uses it: same-origin handshake, screens read by name,
/// taps sent with the seq of the screen on show. Socket I/O blocks on a thread of its own (with a
/// receive timeout), never on the test's cooperative threads.
final class ResidentScreenSocket: @unchecked Sendable {
    private let descriptor: Int32
    private var buffered: [UInt8] = []
    private(set) var seen: [String] = []
    /// The SCREEN JSON of the screen on show.
    private(set) var shown: [String: Any] = [:]
    private var seq = 0

    /// `origin` is what a browser would send; nil sends none. A refused upgrade throws, naming the answer.
    /// `host` is the Host header (default: 127.0.0.1:PORT, as the kiosk's browser sends it).
    init(port: Int, origin: String? = "", host: String? = nil) async throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let sentOrigin = origin == "" ? "http://127.0.0.1:\(port)" : origin
        try await offThread { [self] in try handshake(port: port, origin: sentOrigin, host: host ?? "127.0.0.1:\(port)") }
    }

    deinit { close(descriptor) }

    /// Reads screens until one of `names` is shown (the one on show counts).
    func wait(for names: Set<String>) async throws {
        if let last = seen.last, names.contains(last) { return }
        try await offThread { [self] in
            while true {
                guard let text = try readMessage() else { throw TestFixtureError("the WebSocket closed; screens shown: \(seen)") }
                guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                      object["type"] as? String == "screen", let screen = object["screen"] as? [String: Any],
                      let name = screen["screen"] as? String, let seq = screen["seq"] as? Int else { continue }
                seen.append(name)
                self.seq = seq
                shown = screen
                if names.contains(name) { return }
            }
        }
    }

    /// Taps `action` (the members of the page's action message, as JSON) on the screen on show, then waits for `names`.
    func tap(_ action: String, expecting names: Set<String>) async throws {
        let message = #"{"type":"action","seq":\#(seq),\#(action.dropFirst().dropLast())}"#
        seen.append("(tap \(action))")
        try await offThread { [self] in try sendText(message) }
        try await wait(for: names)
    }

    /// Sends one text message as it is (the service menu's and the test pattern's messages).
    func sendMessage(_ text: String) async throws {
        try await offThread { [self] in try sendText(text) }
    }

    /// Reads messages until one of `type` arrives and returns its text (screens and other messages on the way are noted in `seen`).
    func message(ofType type: String) async throws -> String {
        try await offThread { [self] in
            while true {
                guard let text = try readMessage() else { throw TestFixtureError("the WebSocket closed waiting for \(type); screens shown: \(seen)") }
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                if object?["type"] as? String == type { return text }
                if let screen = object?["screen"] as? [String: Any], let name = screen["screen"] as? String, let seq = screen["seq"] as? Int {
                    seen.append(name)
                    self.seq = seq
                } else {
                    seen.append("(\(object?["type"] as? String ?? "?"))")
                }
            }
        }
    }

    private func handshake(port: Int, origin: String?, host: String) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFixtureError("connect to 127.0.0.1:\(port): errno \(errno)") }
        try write(Array(("GET /ws HTTP/1.1\r\nHost: \(host)\r\n\(origin.map { "Origin: \($0)\r\n" } ?? "")Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8))
        let separator = Array("\r\n\r\n".utf8)
        while buffered.firstRange(of: separator) == nil { try receive() }
        guard let end = buffered.firstRange(of: separator) else { return }
        let head = String(decoding: buffered[..<end.lowerBound], as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 101") else { throw TestFixtureError("WebSocket refused: \(head.prefix(80))") }
        buffered.removeSubrange(..<end.upperBound)
    }

    /// The next text message (continuation frames joined), nil once the server closes.
    private func readMessage() throws -> String? {
        var payload: [UInt8] = []
        while true {
            try need(2)
            let final = buffered[0] & 0x80 != 0
            let opcode = buffered[0] & 0x0F
            var length = Int(buffered[1] & 0x7F)
            var offset = 2
            if length == 126 {
                try need(4)
                length = Int(buffered[2]) << 8 | Int(buffered[3])
                offset = 4
            } else if length == 127 {
                try need(10)
                length = buffered[2..<10].reduce(0) { $0 << 8 | Int($1) }
                offset = 10
            }
            try need(offset + length)
            let body = Array(buffered[offset..<offset + length])
            buffered.removeSubrange(..<(offset + length))
            switch opcode {
            case 0x8: return nil
            case 0x9, 0xA: continue
            default: payload += body
            }
            if final { return String(decoding: payload, as: UTF8.self) }
        }
    }

    /// A client frame is masked (RFC 6455 §5.3).
    private func sendText(_ text: String) throws {
        let payload = Array(text.utf8)
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8 & 0xFF), UInt8(payload.count & 0xFF)]
        }
        let mask: [UInt8] = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try write(frame)
    }

    private func need(_ count: Int) throws {
        while buffered.count < count { try receive() }
    }

    private func receive() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw TestFixtureError("the WebSocket ended or timed out (errno \(errno)); screens shown: \(seen)") }
        buffered += chunk[0..<count]
    }

    private func write(_ bytes: [UInt8]) throws {
        guard bytes.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw TestFixtureError("send: errno \(errno)")
        }
    }

    private func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
