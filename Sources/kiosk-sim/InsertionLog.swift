import KioskSimulators
import Synchronization

/// The output of `card insert`: event lines from the card's serving thread, held back until the
/// "inserted" line is out (vpcd may send commands before the main thread gets to print it), and
/// how the session ended.
final class InsertionLog: Sendable {
    private struct State {
        var announced = false
        var heldBack: [String] = []
        var closeReason: VirtualCardEvent.CloseReason?
    }

    private let state = Mutex(State())
    private let quiet: Bool

    init(quiet: Bool) {
        self.quiet = quiet
    }

    var closeReason: VirtualCardEvent.CloseReason? { state.withLock { $0.closeReason } }

    func record(_ event: VirtualCardEvent) {
        let line: String? = !quiet || event.isFault ? event.logLine : nil
        let printNow = state.withLock { state -> Bool in
            if case .closed(let reason) = event { state.closeReason = reason }
            guard let line, !state.announced else { return line != nil }
            state.heldBack.append(line)
            return false
        }
        if printNow, let line { ConsoleOutput.line(line) }
    }

    func announce(_ line: String) {
        state.withLock { state in
            ConsoleOutput.line(line)
            for heldBack in state.heldBack { ConsoleOutput.line(heldBack) }
            state.heldBack = []
            state.announced = true
        }
    }
}
