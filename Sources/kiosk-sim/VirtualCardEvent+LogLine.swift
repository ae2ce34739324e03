import KioskCore
import KioskSimulators

extension VirtualCardEvent {
    /// One line per event: instruction and status word only, never card data.
    var logLine: String {
        switch self {
        case .command(let number, let ins, let outcome):
            let prefix = "command \(number): INS \(HexBytes.format([ins])) → "
            switch outcome {
            case .answered(let word): return prefix + HexBytes.format([UInt8(word >> 8), UInt8(word & 0xFF)], separator: "")
            case .garbage(let count): return prefix + "\(count) random bytes (fault)"
            case .truncated(let count): return prefix + "\(count) bytes, cut in half (fault)"
            case .silent: return prefix + "no answer (fault: the card hangs)"
            case .pulled: return prefix + "no answer, card pulled (fault)"
            }
        case .closed(.removed): return "card removed"
        case .closed(.pulledByFault): return "card pulled by the fault"
        case .closed(.connectionLost): return "connection to vpcd lost"
        }
    }

    /// Fault effects are printed even with --quiet: they end or stall the card.
    var isFault: Bool {
        switch self {
        case .command(_, _, .pulled), .closed(.pulledByFault): true
        default: false
        }
    }
}
