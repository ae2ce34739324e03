import KioskCore
import Synchronization

/// A card (or reader) model in memory that answers raw command APDUs.
protocol ScriptedCard: Sendable {
    mutating func respond(to command: [UInt8]) -> [UInt8]
}

/// An `APDUTransport` that hands every command to a `ScriptedCard` and keeps a log of them.
final class ScriptedTransport<Card: ScriptedCard>: APDUTransport, Sendable {
    private let state: Mutex<(card: Card, log: [[UInt8]])>

    init(_ card: Card) {
        state = Mutex((card, []))
    }

    func transmit(_ command: [UInt8]) async throws(KioskError) -> [UInt8] {
        state.withLock { state in
            state.log.append(command)
            return state.card.respond(to: command)
        }
    }

    /// Every command transmitted, in order.
    var log: [[UInt8]] { state.withLock { $0.log } }
}

/// Answers from a fixed list, one per command; 6F00 once the list runs out.
struct AnswerList: ScriptedCard {
    var answers: [[UInt8]]

    mutating func respond(to command: [UInt8]) -> [UInt8] {
        answers.isEmpty ? [0x6F, 0x00] : answers.removeFirst()
    }
}

/// Announces more data forever: every answer is 8 bytes and 61 08.
struct EndlessMoreData: ScriptedCard {
    mutating func respond(to command: [UInt8]) -> [UInt8] {
        [UInt8](repeating: 0x55, count: 8) + [0x61, 0x08]
    }
}

/// Hands out `data` the T=0 way: 61xx, then GET RESPONSE chunks of at most Le (00 = 256) bytes.
struct PendingData: Sendable {
    private var remaining: [UInt8]

    init(_ data: [UInt8]) { remaining = data }

    /// The first answer: 61xx announcing what is waiting (00 for 256 or more).
    var announcement: [UInt8] { [0x61, UInt8(truncatingIfNeeded: min(remaining.count, 256))] }

    var isEmpty: Bool { remaining.isEmpty }

    mutating func next(le: UInt8) -> [UInt8] {
        let size = min(le == 0 ? 256 : Int(le), remaining.count)
        let chunk = Array(remaining.prefix(size))
        remaining.removeFirst(size)
        return chunk + (remaining.isEmpty ? [0x90, 0x00] : announcement)
    }
}
