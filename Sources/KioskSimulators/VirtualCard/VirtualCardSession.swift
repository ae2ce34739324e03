import Dispatch
import Foundation
import Glibc
import Synchronization

/// One insertion of a virtual card: a TCP connection to vpcd served by a dedicated thread (blocking
/// sockets stay off the Swift concurrency pool, which may have only two threads in tests).
public final class VirtualCardSession: Sendable {
    struct State {
        var fault: VirtualCardFault?
        var commandsReceived = 0
        var commandsAnswered = 0
        /// Any message from vpcd, control bytes included (vpcd asks for the ATR at every presence poll).
        var messagesReceived = 0
        var removeRequested = false
        var closed = false
        var servingThread: pthread_t?
        /// The latest command APDUs, oldest first (commands carry no holder data).
        var recentCommands: [[UInt8]] = []

        mutating func recordCommand(_ command: [UInt8]) {
            if recentCommands.count == VirtualCardSession.commandHistory { recentCommands.removeFirst() }
            recentCommands.append(command)
        }
    }

    static let commandHistory = 256

    let state: Mutex<State>
    let socket: VPCDSocket
    /// Entered at creation, left once when the socket is closed.
    let closedGroup = DispatchGroup()

    init(socket: VPCDSocket, fault: VirtualCardFault?) {
        self.socket = socket
        state = Mutex(State(fault: fault))
        closedGroup.enter()
    }

    /// Whether vpcd has taken the card: it polls an accepted connection for the ATR about every
    /// 400 ms. A connection it never polls sits unaccepted in the listen queue of a stuck reader.
    public var polledByReader: Bool { state.withLock { $0.messagesReceived > 0 } }

    /// Command APDUs answered so far (control bytes such as ATR requests do not count).
    public var commandsAnswered: Int { state.withLock { $0.commandsAnswered } }

    /// Command APDUs received so far, answered or not.
    public var commandsReceived: Int { state.withLock { $0.commandsReceived } }

    /// The last command APDUs received (up to 256), oldest first: what a reader sent, to replay it.
    public var recentCommands: [[UInt8]] { state.withLock { $0.recentCommands } }

    public var isConnected: Bool { state.withLock { !$0.closed } }

    /// Changes the misbehaviour from the next command APDU on; nil makes the card behave again.
    public func setFault(_ fault: VirtualCardFault?) {
        state.withLock { $0.fault = fault }
    }

    /// Closes the socket (the card is pulled) and waits briefly for the serving thread to finish.
    /// Idempotent.
    public func remove() {
        let mustWait = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            if !state.removeRequested {
                state.removeRequested = true
                // Only shut down here: the serving thread closes the descriptor, under this lock, so
                // a descriptor number reused elsewhere is never touched.
                socket.shutdown()
            }
            let onServingThread = state.servingThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
            return !onServingThread
        }
        if mustWait { _ = closedGroup.wait(timeout: .now() + .seconds(2)) }
    }

    /// Whether the socket closed (removal, a pull fault, vpcd gone) within `timeout`.
    public func waitUntilClosed(timeout: Duration) -> Bool {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = max(0, seconds) * 1_000_000_000 + max(0, attoseconds) / 1_000_000_000
        let clamped = Int(clamping: nanoseconds)
        return closedGroup.wait(timeout: .now() + .nanoseconds(clamped)) == .success
    }

    func start(applet: VirtualCardApplet, atr: [UInt8], onEvent: (@Sendable (VirtualCardEvent) -> Void)?) {
        let thread = Thread { [self] in
            serve(applet: applet, atr: atr, onEvent: onEvent)
        }
        thread.name = "virtual-card"
        thread.start()
    }
}
