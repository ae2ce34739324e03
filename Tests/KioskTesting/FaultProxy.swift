import Foundation
import Glibc
import Synchronization

/// A real TCP/HTTP proxy between the kiosk's backend client and a backend, that breaks chosen calls
/// the ways a network and a backend break them. Each connection carries one request (the proxy asks
/// the backend to close after answering, and so does the client's next request open a new one).
///
/// Faults are scheduled per contract operation and occurrence (`inject(_:on:occurrence:)`): the
/// n-th call of that operation gets the fault, every other call passes through unchanged.
public final class FaultProxy: Sendable {
    /// The calls the kiosk makes, by what they do (recognised from method and path).
    public enum Operation: String, CaseIterable, Sendable {
        case resolve, enrollment, create, query, fence, reverse, receipt, history, configuration, other
    }

    public enum Fault: String, CaseIterable, Sendable {
        /// The request is held until the client has given up (its deadline), then delivered to the
        /// backend only when the test calls `deliverHeld()`: a create still on its way after the kiosk moved on.
        case holdPastDeadline
        /// Forwarded; the backend acts, but its answer never reaches the client (connection closed).
        case dropAnswer
        /// Never forwarded; the connection is closed.
        case dropRequest
        /// Forwarded; half of the answer, then a TCP reset.
        case resetMidBody
        /// Forwarded; the head at once, then the body one byte every 100 ms for as long as the client listens.
        case trickleBody
        /// Forwarded; the answer written twice.
        case answerTwice
    }

    public let port: UInt16
    private let listener: Int32
    private let state = Mutex(State())

    private struct State {
        var upstreamPort: UInt16?
        var schedule: [Operation: [Int: Fault]] = [:]
        var counts: [Operation: Int] = [:]
        var held: [[UInt8]] = []
        var log: [String] = []
        var stopped = false
    }

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw TestFixtureError("the fault proxy cannot listen on loopback: errno \(errno)")
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "fault-proxy"
        thread.start()
    }

    /// The contract's base URL through the proxy.
    public func url(basePath: String) -> String { "http://127.0.0.1:\(port)\(basePath)" }

    /// Where requests go (the backend's loopback port); set before the first call.
    public func forward(to port: Int) { state.withLock { $0.upstreamPort = UInt16(port) } }

    /// The `occurrence`-th call (1 = the first) of `operation` gets `fault`.
    public func inject(_ fault: Fault, on operation: Operation, occurrence: Int = 1) {
        state.withLock { $0.schedule[operation, default: [:]][occurrence] = fault }
    }

    /// How many calls of each operation went through the proxy.
    public var counts: [Operation: Int] { state.withLock { $0.counts } }
    /// One line per call: operation, occurrence and fault (for failure messages).
    public var log: [String] { state.withLock { $0.log } }

    /// Delivers the requests held by `holdPastDeadline` to the backend now (their answers are discarded).
    public func deliverHeld() {
        let held = state.withLock { state in
            defer { state.held = [] }
            return state.held
        }
        for request in held { _ = try? exchange(request) }
    }

    public func stop() {
        state.withLock { $0.stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    // MARK: - connections

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            // Not inherited by daemons other tests spawn meanwhile.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            let thread = Thread { [self] in
                handle(client)
            }
            thread.start()
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        guard let request = Self.readRequest(client) else { return }
        let operation = Self.operation(of: request)
        let fault: Fault? = state.withLock { state in
            let occurrence = state.counts[operation, default: 0] + 1
            state.counts[operation] = occurrence
            let fault = state.schedule[operation]?[occurrence]
            state.log.append("\(operation.rawValue)#\(occurrence)\(fault.map { " " + $0.rawValue } ?? "")")
            return fault
        }
        switch fault {
        case nil:
            guard let answer = try? exchange(request) else { return }
            Self.write(client, answer)
        case .holdPastDeadline:
            Self.waitUntilClosed(client)
            state.withLock { $0.held.append(request) }
        case .dropAnswer:
            _ = try? exchange(request)
        case .dropRequest:
            return
        case .resetMidBody:
            guard let answer = try? exchange(request) else { return }
            Self.write(client, Array(answer.prefix(max(1, answer.count / 2))))
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        case .trickleBody:
            guard let answer = try? exchange(request), let headEnd = answer.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            guard Self.write(client, Array(answer[..<headEnd.upperBound])) else { return }
            // One byte of the body, then a space (JSON whitespace) every 100 ms, until the client leaves.
            var body = Array(answer[headEnd.upperBound...].prefix(1))
            while Self.write(client, body) {
                usleep(100_000)
                body = [0x20]
            }
        case .answerTwice:
            guard let answer = try? exchange(request) else { return }
            Self.write(client, answer + answer)
        }
    }

    /// Sends one request to the backend on a new connection and reads the answer to its end.
    private func exchange(_ request: [UInt8]) throws -> [UInt8] {
        guard let port = state.withLock({ $0.upstreamPort }) else { throw TestFixtureError("the fault proxy has no backend to forward to") }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard upstream >= 0 else { throw TestFixtureError("socket: errno \(errno)") }
        defer { close(upstream) }
        var address = Self.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, Self.write(upstream, request) else { throw TestFixtureError("the backend at \(port) is unreachable: errno \(errno)") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(upstream, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return answer
    }

    // MARK: - bytes

    /// The request's head and body, with `Connection: close` so that the backend ends the answer by closing.
    static func readRequest(_ client: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator = Array("\r\n\r\n".utf8)
        while bytes.firstRange(of: separator) == nil {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += buffer[0..<count]
        }
        guard let headEnd = bytes.firstRange(of: separator) else { return nil }
        let lines = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let length = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        while bytes.count - headEnd.upperBound < length {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += buffer[0..<count]
        }
        let kept = lines.filter { !$0.lowercased().hasPrefix("connection:") }
        let head = (kept + ["Connection: close"]).joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + bytes[headEnd.upperBound..<(headEnd.upperBound + length)]
    }

    /// Which contract operation a request is (Sources/KioskBackendAPI/openapi.yaml's paths).
    static func operation(of request: [UInt8]) -> Operation {
        let firstLine = String(decoding: request.prefix { $0 != 0x0D }, as: UTF8.self).split(separator: " ")
        guard firstLine.count >= 2 else { return .other }
        let method = firstLine[0]
        let path = firstLine[1].split(separator: "?").first.map(String.init) ?? ""
        let parts = path.split(separator: "/").map(String.init)
        switch (method, parts.suffix(2).first, parts.last) {
        case ("POST", _, "resolve"): return .resolve
        case ("GET", "enrollments", _): return .enrollment
        case ("POST", _, "payments"): return .create
        case ("POST", _, "void"): return .fence
        case ("POST", _, "reverse"): return .reverse
        case ("GET", _, "receipt"): return .receipt
        case ("GET", _, "payments") where parts.contains("persons"): return .history
        case ("GET", "payments", _): return .query
        case (_, _, "configuration"), (_, _, "state"): return .configuration
        default: return .other
        }
    }

    @discardableResult
    static func write(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Blocks until the client closes its side (its deadline passed, or it was shut down).
    static func waitUntilClosed(_ client: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1024)
        while buffer.withUnsafeMutableBytes({ recv(client, $0.baseAddress, $0.count, 0) }) > 0 {}
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
