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
        } else if let expected = TransitionTable.table[kind]?[eventKind] {
            #expect(machine.state.kind == expected.next, "\(kind) + \(eventKind)")
            #expect(labels(actions) == expected.actions, "\(kind) + \(eventKind)")
            #expect(machine.state != before || !actions.isEmpty, "\(kind) + \(eventKind) changed nothing")
        } else {
            #expect(actions.isEmpty, "\(kind) + \(eventKind) should be ignored")
            #expect(machine.state == before, "\(kind) + \(eventKind) should be ignored")
            #expect(machine.runningTimers == timersBefore, "\(kind) + \(eventKind) should be ignored")
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
