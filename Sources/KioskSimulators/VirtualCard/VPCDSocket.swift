import Glibc

/// A blocking TCP connection to pcscd's vpcd driver (the server). Every message both ways is a
/// 2-byte big-endian length followed by the payload.
struct VPCDSocket: Sendable {
    let descriptor: Int32

    static func connect(host: String, port: UInt16) throws(VirtualCardConnectionError) -> VPCDSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var addresses: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &addresses)
        guard status == 0, let addresses else {
            throw .unresolvableHost(host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(addresses) }
        var failure = VirtualCardConnectionError.nothingListening(host: host, port: port)
        var entry: UnsafeMutablePointer<addrinfo>? = addresses
        while let address = entry?.pointee {
            entry = address.ai_next
            let descriptor = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
            guard descriptor >= 0 else {
                failure = .connectFailed(host: host, port: port, reason: String(cString: strerror(errno)))
                continue
            }
            let error = connect(descriptor, to: address)
            if error == 0 {
                let socket = VPCDSocket(descriptor: descriptor)
                socket.setOption(TCP_NODELAY)
                return socket
            }
            Glibc.close(descriptor)
            if error != ECONNREFUSED { failure = .connectFailed(host: host, port: port, reason: String(cString: strerror(error))) }
        }
        throw failure
    }

    /// A connect interrupted by a signal goes on in the background: wait for it, then read its result.
    /// How long a connection may wait to be taken. A vpcd reader that stopped accepting leaves its
    /// small listen queue full, and a blocking connect would hang for the kernel's two minutes.
    static let connectTimeoutMilliseconds: Int32 = 10_000

    /// 0, or the errno of a failed connect (ETIMEDOUT when not taken in time).
    private static func connect(_ descriptor: Int32, to address: addrinfo) -> Int32 {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(descriptor, F_SETFL, flags) }
        if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) == 0 { return 0 }
        guard errno == EINPROGRESS || errno == EINTR else { return errno }
        var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while true {
            let ready = poll(&poller, 1, connectTimeoutMilliseconds)
            if ready == 0 { return ETIMEDOUT }
            if ready > 0 { break }
            guard errno == EINTR else { return errno }
        }
        var result: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &result, &length) == 0 else { return errno }
        return result
    }

    private func setOption(_ option: Int32) {
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), option, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// The next message's payload; nil when vpcd closed the connection or it failed.
    func receiveMessage() -> [UInt8]? {
        guard let header = receive(exactly: 2) else { return nil }
        let length = Int(header[0]) << 8 | Int(header[1])
        return length == 0 ? [] : receive(exactly: length)
    }

    /// Sends one framed message; false when the connection failed.
    func send(message payload: [UInt8]) -> Bool {
        let framed = [UInt8(payload.count >> 8 & 0xFF), UInt8(payload.count & 0xFF)] + payload
        var sent = 0
        while sent < framed.count {
            let result = framed.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress.map { $0 + sent }, framed.count - sent, Int32(MSG_NOSIGNAL))
            }
            if result > 0 {
                sent += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Wakes a thread blocked in `receiveMessage` (it then sees the end of the connection).
    func shutdown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private func receive(exactly count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            // Linux clears quick-ack mode after a while; without it, vpcd's separate writes of length
            // and payload wait for the ~40 ms delayed ACK.
            setOption(TCP_QUICKACK)
            let result = buffer.withUnsafeMutableBytes { bytes in
                recv(descriptor, bytes.baseAddress.map { $0 + received }, count - received, 0)
            }
            if result > 0 {
                received += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                return nil
            }
        }
        return buffer
    }
}
