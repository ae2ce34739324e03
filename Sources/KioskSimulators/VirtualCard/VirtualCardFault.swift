import KioskCore
/// Misbehaviour of a virtual card, for tests and for `kiosk-sim`. Each fault starts at the n-th
/// command APDU since insertion (1-based; control bytes such as ATR requests do not count) and
/// lasts for every later one.
public enum VirtualCardFault: Sendable, Equatable {
    /// Close the socket when the n-th command APDU arrives, without answering it (card pulled mid-read).
    case pullAfter(commands: Int)
    /// Answer no command APDU from the n-th on; the socket stays open and the card "hangs".
    case silentAfter(commands: Int)
    /// Answer the n-th and later commands with only this status word (e.g. 0x6F00).
    case statusWord(UInt16, afterCommands: Int)
    /// Answer with random bytes of random length 0…300.
    case garbage(afterCommands: Int)
    /// Answer with the correct response cut in half (the status word is lost).
    case truncated(afterCommands: Int)

    /// The first command APDU (1-based) the fault applies to.
    public var firstCommand: Int {
        switch self {
        case .pullAfter(let n), .silentAfter(let n), .statusWord(_, let n), .garbage(let n), .truncated(let n): n
        }
    }

    /// The `kind` of a card file's `[fault]` table.
    public var kindName: String {
        switch self {
        case .pullAfter: "pull"
        case .silentAfter: "silent"
        case .statusWord: "status_word"
        case .garbage: "garbage"
        case .truncated: "truncated"
        }
    }

    static let kindNames = ["pull", "silent", "status_word", "garbage", "truncated"]
}

extension VirtualCardFault: CustomStringConvertible {
    public var description: String {
        switch self {
        case .statusWord(let word, let n): "status_word \(HexBytes.format([UInt8(word >> 8), UInt8(word & 0xFF)], separator: "")) from command \(n)"
        default: "\(kindName) from command \(firstCommand)"
        }
    }
}
