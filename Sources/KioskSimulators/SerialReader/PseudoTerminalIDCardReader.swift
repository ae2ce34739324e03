import CTerminalIO
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import Synchronization

/// A GA 467 ID-card reader behind a real serial line, for the tests and `kiosk-sim idcard-serial`:
/// a pseudo-terminal pair whose slave end (`devicePath`, /dev/pts/N) kioskd opens as it would
/// /dev/ttyUSB0, with termios and all; the virtual SAM (`IDCardSAM`, the same one the PC/SC tunnel
/// reaches) answers on the master end, on a thread of its own. Without a card on it, "find card"
/// answers 80 and reading answers 80 too; the SAM's own commands always answer.
///
/// `unplug()` closes both ends, as pulling a USB-serial adapter does: the kiosk's reads fail with
/// EIO and the device path goes away.
public final class PseudoTerminalIDCardReader: @unchecked Sendable {
    /// What the reader does to the next answer (each fault is used once, in order).
    public enum Fault: Sendable, Equatable {
        /// `bytes` of line noise go out before the answer.
        case noiseBefore([UInt8])
        /// Only the first half of the answer goes out.
        case truncated
        /// The answer's checksum byte is wrong.
        case corruptChecksum
        /// No answer at all.
        case silent
        /// The answer comes after `delay` (longer than the kiosk waits: it arrives late).
        case late(Duration)
    }

    public let devicePath: String
    private let master: Int32
    /// The slave end held open here too, so the master keeps working while the kiosk has it closed.
    private let heldSlave: Int32
    private let wake: (read: Int32, write: Int32)
    private let state = Mutex(State())
    private var thread: Thread?

    private struct State {
        var card: VirtualCardFile.IDCard?
        var faults: [Fault] = []
        var received: [UInt8] = []
        var commands: [[UInt8]] = []
        var stopped = false
    }

    public init() throws {
        let master = kiosk_open_pty_master()
        guard master >= 0, kiosk_grantpt(master) == 0, kiosk_unlockpt(master) == 0 else {
            throw PseudoTerminalError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var name = [CChar](repeating: 0, count: 128)
        guard kiosk_ptsname(master, &name, name.count) == 0 else { throw PseudoTerminalError("ptsname failed: \(String(cString: strerror(errno)))") }
        devicePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        heldSlave = open(devicePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard heldSlave >= 0 else { throw PseudoTerminalError("cannot open \(devicePath): \(String(cString: strerror(errno)))") }
        // Raw on the slave side too, so nothing is echoed or translated before kioskd opens it.
        var settings = termios()
        tcgetattr(heldSlave, &settings)
        cfmakeraw(&settings)
        tcsetattr(heldSlave, TCSANOW, &settings)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw PseudoTerminalError("pipe failed: \(String(cString: strerror(errno)))") }
        wake = (pipeEnds[0], pipeEnds[1])
        self.master = master
        let thread = Thread { [self] in serve() }
        thread.name = "ga467-pty-sam"
        self.thread = thread
        thread.start()
    }

    deinit {
        unplug()
    }

    /// Puts `card` on the reader (nil lifts it).
    public func place(_ card: VirtualCardFile.IDCard?) {
        state.withLock { $0.card = card }
    }

    public func inject(_ fault: Fault) {
        state.withLock { $0.faults.append(fault) }
    }

    /// The command frames received so far (complete frames only).
    public var commands: [[UInt8]] { state.withLock { $0.commands } }

    /// Closes both ends and stops answering: the device is gone.
    public func unplug() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
    }

    // MARK: Serving

    private func serve() {
        var entries = [pollfd(fd: master, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !state.withLock({ $0.stopped }) {
            entries[0].revents = 0
            entries[1].revents = 0
            guard poll(&entries, 2, -1) >= 0 || errno == EINTR else { break }
            if entries[1].revents != 0 { break }
            guard entries[0].revents & Int16(POLLIN) != 0 else { continue }
            let got = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            guard got > 0 else { continue }
            state.withLock { $0.received += buffer.prefix(got) }
            while let command = nextCommand() { answer(command) }
        }
        Glibc.close(master)
        Glibc.close(heldSlave)
        Glibc.close(wake.read)
        Glibc.close(wake.write)
    }

    /// The next complete command frame received, noise before it dropped.
    private func nextCommand() -> [UInt8]? {
        state.withLock { state in
            let preamble = GA467Frame.preamble
            while !state.received.isEmpty, !state.received.starts(with: preamble.prefix(min(state.received.count, preamble.count))) {
                state.received.removeFirst()
            }
            guard state.received.count >= 7 else { return nil }
            let length = Int(state.received[5]) << 8 | Int(state.received[6])
            guard state.received.count >= 7 + length else { return nil }
            let frame = Array(state.received.prefix(7 + length))
            state.received.removeFirst(7 + length)
            state.commands.append(frame)
            return frame
        }
    }

    private func answer(_ command: [UInt8]) {
        let (card, fault) = state.withLock { state in (state.card, state.faults.isEmpty ? nil : state.faults.removeFirst()) }
        var frame = Self.response(to: command, card: card)
        switch fault {
        case nil: break
        case .noiseBefore(let noise)?: frame = noise + frame
        case .truncated?: frame = Array(frame.prefix(frame.count / 2))
        case .corruptChecksum?: frame[frame.count - 1] ^= 0xFF
        case .silent?: return
        case .late(let delay)?: Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
        }
        var offset = 0
        while offset < frame.count {
            let written = frame[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// The SAM's answer: a card's commands answer 80 when no card is on the reader.
    static func response(to command: [UInt8], card: VirtualCardFile.IDCard?) -> [UInt8] {
        if let card { return IDCardSAM(card).frame(answering: command) ?? GA467Frame.response(sw3: GA467Frame.SW3.commandError) }
        if case .command(let code, _, _) = GA467Frame.parseCommand(command), code == 0x20 || code == 0x30 {
            return GA467Frame.response(sw3: GA467Frame.SW3.notFound)
        }
        return IDCardSAM.samFrame(answering: command) ?? GA467Frame.response(sw3: GA467Frame.SW3.commandError)
    }
}

/// The pseudo-terminal could not be set up (the system's reason in `message`).
public struct PseudoTerminalError: Error, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
