import CPCSCLite
import Dispatch
import Foundation
import KioskCore
import Synchronization

/// Watches pcscd's readers on a thread of its own, blocked in `SCardGetStatusChange` (never
/// polling): readers arriving and leaving, cards inserted and removed. When pcscd goes away
/// (`SCARD_E_NO_SERVICE`) the context is established again as soon as pcscd is back, without
/// restarting the daemon. `stop()` ends the wait with `SCardCancel`.
final class PCSCReaderMonitor: Sendable {
    private struct Shared {
        var stopping = false
        var context: PCSCContext?
        var readers: [PCSCReaderState] = []
    }

    private let shared = Mutex(Shared())
    /// What the thread sees, in order; it ends when the thread does (`stop`).
    let events: AsyncStream<PCSCMonitorEvent>
    private let eventSink: AsyncStream<PCSCMonitorEvent>.Continuation
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// How long to wait before trying pcscd again after it went away.
    private let reconnectDelay: Duration

    init(reconnectDelay: Duration = .milliseconds(250)) {
        self.reconnectDelay = reconnectDelay
        (events, eventSink) = AsyncStream.makeStream(of: PCSCMonitorEvent.self)
    }

    private func onEvent(_ event: PCSCMonitorEvent) {
        eventSink.yield(event)
    }

    /// The readers pcscd has told the state of, with that state. A reader just seen in the list
    /// is left out until its first status answer: reporting it as empty could hide a card.
    var readers: [PCSCReaderState] { shared.withLock { $0.readers.filter(\.stateKnown) } }

    /// Whether pcscd answers: a context is established (it is dropped when pcscd goes away).
    var isServiceReachable: Bool { shared.withLock { $0.context != nil } }

    func start() {
        let thread = Thread { [self] in
            watch()
            eventSink.finish()
            finished.signal()
        }
        thread.name = "pcsc-monitor"
        thread.start()
    }

    /// Stops the thread and waits for it (cancelling again in case it was between two waits).
    func stop() {
        shared.withLock { $0.stopping = true }
        wake.signal()
        for _ in 0..<50 {
            shared.withLock { $0.context }?.cancel()
            if finished.wait(timeout: .now() + .milliseconds(100)) == .success { return }
        }
    }

    private var stopping: Bool { shared.withLock { $0.stopping } }

    private func watch() {
        var context: PCSCContext?
        var readers: [PCSCReaderState] = []
        var lostReported = false
        var knownReaderCount: UInt = 0
        while !stopping {
            guard let current = context else {
                do {
                    let established = try PCSCContext()
                    shared.withLock { $0.context = established }
                    context = established
                    if lostReported { onEvent(.serviceRestored) }
                    lostReported = false
                    synchronise(&readers, with: established)
                } catch {
                    if !lostReported { onEvent(.serviceLost(error.message)) }
                    lostReported = true
                    _ = wake.wait(timeout: .now() + reconnectDelay.dispatchInterval)
                }
                continue
            }
            var states = readers
            states.append(PCSCReaderState(name: PCSCReaderState.plugAndPlay, knownState: knownReaderCount << 16))
            let status = current.waitForChange(&states, timeoutMilliseconds: kiosk_scard_infinite())
            if status == .success {
                if let plugAndPlay = states.popLast(), plugAndPlay.changed {
                    knownReaderCount = plugAndPlay.eventState >> 16
                    synchronise(&readers, with: current)
                }
                apply(states, to: &readers)
                if readers.contains(where: \.readerGone) { synchronise(&readers, with: current) }
            } else if status == .unknownReader {
                synchronise(&readers, with: current)
            } else if status != .cancelled && status != .timeout {
                // pcscd is gone (or the context broke): every reader and card with it.
                for reader in readers {
                    if reader.knownCardPresent { onEvent(.cardRemoved(reader: reader.name)) }
                    onEvent(.readerRemoved(reader.name))
                }
                readers = []
                publish(readers)
                shared.withLock { $0.context = nil }
                context = nil
                knownReaderCount = 0
                onEvent(.serviceLost("SCardGetStatusChange failed: \(status)"))
                lostReported = true
            }
        }
        shared.withLock { $0.context = nil }
    }

    /// Cards that came and went since the last wait.
    private func apply(_ states: [PCSCReaderState], to readers: inout [PCSCReaderState]) {
        for (index, state) in zip(readers.indices, states) where state.changed {
            let wasPresent = readers[index].knownCardPresent
            // The event counter in the high bits lets pcscd report a remove-and-insert between two waits.
            readers[index].knownState = state.eventState
            readers[index].eventState = state.eventState
            readers[index].atr = state.cardPresent ? state.atr : []
            let isPresent = readers[index].knownCardPresent
            if wasPresent && !isPresent { onEvent(.cardRemoved(reader: state.name)) }
            if !wasPresent && isPresent { onEvent(.cardInserted(reader: state.name, atr: state.atr)) }
        }
        publish(readers)
    }

    /// Brings the reader list in line with pcscd's, reporting readers that came and went.
    private func synchronise(_ readers: inout [PCSCReaderState], with context: PCSCContext) {
        let names = (try? context.readerNames()) ?? []
        for reader in readers where !names.contains(reader.name) {
            if reader.knownCardPresent { onEvent(.cardRemoved(reader: reader.name)) }
            onEvent(.readerRemoved(reader.name))
        }
        readers.removeAll { !names.contains($0.name) }
        for name in names where !readers.contains(where: { $0.name == name }) {
            readers.append(PCSCReaderState(name: name))
            onEvent(.readerAdded(name))
        }
        publish(readers)
    }

    private func publish(_ readers: [PCSCReaderState]) {
        shared.withLock { $0.readers = readers }
    }
}

extension PCSCReaderState {
    /// Whether pcscd has answered for this reader since the monitor first listed it.
    var stateKnown: Bool { knownState != UInt(SCARD_STATE_UNAWARE) }

    /// Whether the monitor has reported a card in this reader (a mute card counts as no card).
    var knownCardPresent: Bool {
        knownState & UInt(SCARD_STATE_PRESENT) != 0 && knownState & UInt(SCARD_STATE_MUTE) == 0
    }
}
