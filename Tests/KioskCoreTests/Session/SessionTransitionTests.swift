import KioskCore
import Testing

@Suite("session state machine: every (state, event) pair")
struct SessionTransitionTests {
    @Test("each state is reached by its path", arguments: SessionState.Kind.allCases)
    func catalogReachesEveryState(kind: SessionState.Kind) {
        #expect(StateCatalog.machine(in: kind).state.kind == kind)
    }

    @Test("the table covers every state")
    func tableIsComplete() {
        #expect(Set(TransitionTable.table.keys) == Set(SessionState.Kind.allCases))
    }

    @Test("accepted pairs transition as specified; all others are ignored without side effects",
          arguments: SessionState.Kind.allCases, EventKind.allCases)
    func pair(kind: SessionState.Kind, eventKind: EventKind) {
        var machine = StateCatalog.machine(in: kind)
        let before = machine.state
        let timersBefore = machine.runningTimers
        let event = eventKind.event(for: machine)
        let actions = machine.handle(event)
        if eventKind == .residentActive {
            // A touch restarts the idle timer of whichever screen runs one, and changes nothing else.
            #expect(machine.state == before, "\(kind) + residentActive")
            #expect(labels(actions) == (timersBefore[.idle] == nil ? [] : ["+idle"]), "\(kind) + residentActive")
            #expect(Set(machine.runningTimers.keys) == Set(timersBefore.keys), "\(kind) + residentActive")
        } else if eventKind == .journalWriteFailed {
            // In any state: reconcile now, and out of service once no resident is served.
            #expect(machine.state == before, "\(kind) + journalWriteFailed")
            #expect(labels(actions) == (kind == .stopped ? [] : ["reconcilePayments"]), "\(kind) + journalWriteFailed")
            #expect(machine.outages.contains(.journalUnsettled) == (kind != .stopped), "\(kind) + journalWriteFailed")
        } else if let expected = TransitionTable.table[kind]?[eventKind] {
            #expect(machine.state.kind == expected.next, "\(kind) + \(eventKind)")
            // The dwell timer is one rule for every state, checked below for every pair.
            #expect(labels(actions).filter { !$0.hasSuffix("dwell") } == expected.actions, "\(kind) + \(eventKind)")
            #expect(machine.state != before || !actions.isEmpty, "\(kind) + \(eventKind) changed nothing")
        } else {
            #expect(actions.isEmpty, "\(kind) + \(eventKind) should be ignored")
            #expect(machine.state == before, "\(kind) + \(eventKind) should be ignored")
            #expect(machine.runningTimers == timersBefore, "\(kind) + \(eventKind) should be ignored")
        }
    }

    /// The states that wait on the backend or the journal: each runs the dwell timer, and no other does.
    static let waitsOnBackend: Set<SessionState.Kind> = [
        .lookingUpPerson, .lookingUpEnrollment, .loadingHistory, .journalingIntent, .submitting, .resolvingSubmission,
        .awaitingPayer, .reversing, .fetchingReceipt,
    ]

    @Test("every (state, event) pair: the dwell timer runs exactly in the states that wait on the backend or the journal, fresh on entering one",
          arguments: SessionState.Kind.allCases, EventKind.allCases)
    func dwellTimer(kind: SessionState.Kind, eventKind: EventKind) {
        var machine = StateCatalog.machine(in: kind)
        #expect((machine.runningTimers[.dwell] != nil) == Self.waitsOnBackend.contains(kind), "\(kind)")
        let before = machine.state
        let generation = machine.runningTimers[.dwell]
        let actions = machine.handle(eventKind.event(for: machine))
        let after = machine.state.kind
        #expect((machine.runningTimers[.dwell] != nil) == Self.waitsOnBackend.contains(after), "\(kind) + \(eventKind) → \(after)")
        if Self.waitsOnBackend.contains(after), before.kind != after {
            #expect(machine.runningTimers[.dwell] != generation, "\(kind) + \(eventKind): entering \(after) starts a fresh dwell")
            #expect(labels(actions).contains("+dwell"), "\(kind) + \(eventKind)")
        }
    }

    @Test("timers: every start carries a fresh generation and every running timer belongs to its state",
          arguments: SessionState.Kind.allCases)
    func timersMatchTheState(kind: SessionState.Kind) {
        let machine = StateCatalog.machine(in: kind)
        let running = Set(machine.runningTimers.keys)
        if machine.state.hasMoneyInFlight {
            #expect(!running.contains(.idle) && !running.contains(.countdown) && !running.contains(.payCode))
        }
        let generations = machine.runningTimers.values
        #expect(Set(generations).count == generations.count)
    }
}
