#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// A serial line (termios(3)) in raw mode, 8 data bits, no parity, one stop bit, no flow control,
/// held exclusively (flock(2), as pyserial's `exclusive=True` does). Every call returns by its
/// deadline (poll(2) on a non-blocking descriptor), so the owner's queue never hangs on a silent or
/// unplugged device. Used from one queue at a time.
final class SerialLine: @unchecked Sendable {
    let path: String
    /// The deadlines' clock: poll(2) waits in real time, so it is the monotonic one (handed in by the composition root).
    let clock: ContinuousClock
    private let descriptor: Int32
    private var closed = false

    /// The speeds a reader profile may name (`speed_t` values from termios.h).
    static let speeds: [Int: speed_t] = [9600: speed_t(B9600), 19200: speed_t(B19200), 38400: speed_t(B38400),
                                         57600: speed_t(B57600), 115200: speed_t(B115200)]

    init(path: String, baud: Int, clock: ContinuousClock) throws(KioskError) {
        guard let speed = Self.speeds[baud] else {
            throw KioskError(.configInvalid, "serial speed \(baud) is not one of \(Self.speeds.keys.sorted().map(String.init).joined(separator: ", "))")
        }
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Self.openError(path, errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            Glibc.close(fd)
            throw error == EWOULDBLOCK
                ? KioskError(.cardReaderMissing, "\(path) is in use by another process (another kioskd, a vendor tool, or ModemManager probing it)")
                : Self.failure(path, "flock", error)
        }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else {
            let error = errno
            Glibc.close(fd)
            throw error == ENOTTY ? KioskError(.cardReaderMissing, "\(path) is not a serial device") : Self.failure(path, "tcgetattr", error)
        }
        cfmakeraw(&settings)
        settings.c_cflag &= ~(tcflag_t(CSIZE) | tcflag_t(PARENB) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS))
        settings.c_cflag |= tcflag_t(CS8) | tcflag_t(CLOCAL) | tcflag_t(CREAD)
        settings.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        // Reads paced by poll(2). VMIN 1 makes a non-blocking read with nothing to read fail with
        // EAGAIN (with VMIN 0 it returns 0, which could not be told from a hang-up); see termios(3).
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard cfsetispeed(&settings, speed) == 0, cfsetospeed(&settings, speed) == 0, tcsetattr(fd, TCSANOW, &settings) == 0 else {
            let error = errno
            Glibc.close(fd)
            throw Self.failure(path, "tcsetattr", error)
        }
        tcflush(fd, TCIOFLUSH)
        self.path = path
        self.clock = clock
        descriptor = fd
    }

    deinit {
        close()
    }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(descriptor)
    }

    /// Writes all of `bytes`, or throws when the device is gone or the deadline passes first.
    func write(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) throws(KioskError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
                continue
            }
            let error = errno
            guard written < 0, error == EAGAIN || error == EINTR else { throw gone(error) }
            guard try wait(for: Int16(POLLOUT), until: deadline) else {
                throw KioskError(.cardNotResponding, "\(path) took no more bytes for \(bytes.count - offset) of \(bytes.count) (flow stopped?)")
            }
        }
    }

    /// Up to `count` bytes: whatever arrived, waiting until the first one does or the deadline
    /// passes (then `[]`).
    func read(upTo count: Int, until deadline: ContinuousClock.Instant) throws(KioskError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
            if got > 0 { return Array(buffer.prefix(got)) }
            let error = errno
            // A pty whose other end closed, or a USB adapter pulled out: read gives 0 or EIO.
            guard got < 0, error == EAGAIN || error == EINTR else { throw gone(got == 0 ? EIO : error) }
            guard try wait(for: Int16(POLLIN), until: deadline) else { return [] }
        }
    }

    /// Drops whatever the device sent that nobody asked for (the rest of an answer given up on).
    func discardInput() {
        tcflush(descriptor, TCIFLUSH)
    }

    /// True when `events` is ready, false at the deadline; throws when the device hung up.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws(KioskError) -> Bool {
        while true {
            let left = deadline - clock.now
            guard left > .zero else { return false }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let milliseconds = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw gone(errno)
            }
            if ready == 0 { continue }
            if entry.revents & Int16(POLLNVAL) != 0 { throw gone(EBADF) }
            // POLLHUP with data still queued: read it first; the next read reports the hang-up.
            if entry.revents & events != 0 { return true }
            if entry.revents & Int16(POLLHUP | POLLERR) != 0 { throw gone(EIO) }
        }
    }

    private func gone(_ error: Int32) -> KioskError {
        KioskError(.cardReaderMissing, "the serial device \(path) went away (\(String(cString: strerror(error)))): is the reader still plugged in?")
    }

    private static func openError(_ path: String, _ error: Int32) -> KioskError {
        switch error {
        case ENOENT, ENXIO, ENODEV:
            KioskError(.cardReaderMissing, "no serial device at \(path): is the reader plugged in, and does the udev rule name it so? (README: Wiring card readers)")
        case EACCES, EPERM:
            KioskError(.cardReaderMissing, "permission denied opening \(path): kioskd's user needs the dialout group or the udev rule's group (README: Wiring card readers)")
        case EBUSY:
            KioskError(.cardReaderMissing, "\(path) is busy (held open exclusively by another process)")
        default:
            failure(path, "open", error)
        }
    }

    private static func failure(_ path: String, _ call: String, _ error: Int32) -> KioskError {
        KioskError(.cardReaderMissing, "\(call) on \(path) failed: \(String(cString: strerror(error)))")
    }
}
