/// What a virtual card session reports as it runs (for `kiosk-sim`'s log lines). Carries
/// instruction bytes and status words only, never card data.
public enum VirtualCardEvent: Sendable, Equatable {
    /// A command APDU arrived and was dealt with.
    case command(number: Int, ins: UInt8, outcome: CommandOutcome)
    /// The socket is closed; the card is out of the reader.
    case closed(CloseReason)

    public enum CommandOutcome: Sendable, Equatable {
        /// Answered; `statusWord` is the answer's last two bytes.
        case answered(statusWord: UInt16)
        /// Answered with random bytes (fault).
        case garbage(byteCount: Int)
        /// Answered with half the response (fault).
        case truncated(byteCount: Int)
        /// Not answered (fault: the card hangs).
        case silent
        /// Not answered; the socket is being closed (fault: card pulled).
        case pulled
    }

    public enum CloseReason: Sendable, Equatable {
        /// `remove()` was called.
        case removed
        /// A `pullAfter` fault pulled the card.
        case pulledByFault
        /// vpcd closed the connection (pcscd stopped) or the connection failed.
        case connectionLost
    }
}
