import Glibc

extension VirtualCardSession {
    /// The serving thread: answers vpcd until the connection ends, then closes the socket.
    func serve(applet initial: VirtualCardApplet, atr: [UInt8], onEvent: (@Sendable (VirtualCardEvent) -> Void)?) {
        state.withLock { $0.servingThread = pthread_self() }
        var applet = initial
        var reason = VirtualCardEvent.CloseReason.connectionLost
        serving: while let message = socket.receiveMessage() {
            state.withLock { $0.messagesReceived += 1 }
            if message.count == 1 {
                guard handleControl(message[0], applet: &applet, atr: atr) else { break }
                continue
            }
            guard message.count >= 2 else { continue }
            let (number, fault) = state.withLock { state in
                state.commandsReceived += 1
                state.recordCommand(message)
                return (state.commandsReceived, state.fault)
            }
            let activeFault = fault.flatMap { number >= $0.firstCommand ? $0 : nil }
            let (reply, outcome) = Self.reply(to: message, applet: &applet, fault: activeFault)
            if let reply {
                state.withLock { $0.commandsAnswered += 1 }
                guard socket.send(message: reply) else { break }
            }
            onEvent?(.command(number: number, ins: message[1], outcome: outcome))
            if outcome == .pulled {
                reason = .pulledByFault
                break serving
            }
        }
        state.withLock { state in
            if state.removeRequested { reason = .removed }
            socket.close()
            state.closed = true
        }
        // Report before releasing waiters, so that whoever waited sees the event delivered.
        onEvent?(.closed(reason))
        closedGroup.leave()
    }

    /// `00` power off, `01` power on, `02` reset (no reply), `04` ATR request (also vpcd's presence
    /// poll). False when the connection failed.
    private func handleControl(_ control: UInt8, applet: inout VirtualCardApplet, atr: [UInt8]) -> Bool {
        switch control {
        case 0x00, 0x01, 0x02:
            applet.reset()
            return true
        case 0x04:
            return socket.send(message: atr)
        default:
            return true
        }
    }

    /// The bytes to send back (nil: nothing) and what to report.
    private static func reply(
        to command: [UInt8], applet: inout VirtualCardApplet, fault: VirtualCardFault?
    ) -> ([UInt8]?, VirtualCardEvent.CommandOutcome) {
        switch fault {
        case nil:
            let answer = applet.respond(to: command)
            return (answer, .answered(statusWord: statusWord(of: answer)))
        case .pullAfter?:
            return (nil, .pulled)
        case .silentAfter?:
            return (nil, .silent)
        case .statusWord(let word, _)?:
            return (StatusWord.bytes(word), .answered(statusWord: word))
        case .garbage?:
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return (bytes, .garbage(byteCount: bytes.count))
        case .truncated?:
            let answer = applet.respond(to: command)
            let half = Array(answer.prefix(answer.count / 2))
            return (half, .truncated(byteCount: half.count))
        }
    }

    private static func statusWord(of answer: [UInt8]) -> UInt16 {
        guard answer.count >= 2 else { return 0 }
        return UInt16(answer[answer.count - 2]) << 8 | UInt16(answer[answer.count - 1])
    }
}
