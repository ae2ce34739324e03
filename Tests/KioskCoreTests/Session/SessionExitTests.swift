import KioskCore
import Testing

@Suite("session state machine: every way out wipes personal data")
struct SessionExitTests {
    static func wiped(_ machine: SessionStateMachine, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!machine.state.holdsPersonalData, "\(machine.state.kind) holds personal data", sourceLocation: sourceLocation)
        #expect(!machine.state.isSessionActive, sourceLocation: sourceLocation)
    }

    @Test("done")
    func done() {
        var machine = StateCatalog.machine(in: .finished)
        Self.wiped(machine)
        machine.feed(.doneTapped)
        #expect(machine.state == .attract(notice: nil))
    }

    @Test("cancel, from every state that offers it", arguments: SessionState.Kind.allCases)
    func cancel(kind: SessionState.Kind) {
        var machine = StateCatalog.machine(in: kind)
        let actions = machine.handle(.cancelTapped)
        if actions.contains(.recordSessionEnd(.cancelled)) {
            Self.wiped(machine)
            #expect(machine.state == .attract(notice: nil))
        }
    }

    @Test("timeout")
    func timeout() {
        var machine = StateCatalog.machine(in: .choosingBeneficiary)
        _ = machine.fire(.idle)
        _ = machine.fire(.countdown)
        Self.wiped(machine)
    }

    @Test("error")
    func error() {
        var machine = StateCatalog.machine(in: .lookingUpEnrollment)
        machine.feed(.enrollmentLookupFailed(Sample.timeout))
        Self.wiped(machine)
        #expect(machine.state == .failed(Sample.timeout))
    }

    @Test("shutdown, from every state", arguments: SessionState.Kind.allCases)
    func shutdown(kind: SessionState.Kind) {
        var machine = StateCatalog.machine(in: kind)
        let wasActive = machine.state.isSessionActive
        let actions = machine.handle(.shutdownRequested)
        #expect(machine.state == .stopped)
        Self.wiped(machine)
        #expect(machine.runningTimers.isEmpty)
        #expect(actions.contains(.recordSessionEnd(.shutdown)) == wasActive)
        #expect(machine.handle(.cardInserted(.idCard)).isEmpty)
    }

    @Test("personal data is held only between identification and the end of the session", arguments: SessionState.Kind.allCases)
    func holdsData(kind: SessionState.Kind) {
        let machine = StateCatalog.machine(in: kind)
        let dataFree: Set<SessionState.Kind> = [.attract, .readingCard, .typingIdentity, .takingReceipt, .finished, .failed, .outOfService, .maintenance, .stopped]
        #expect(machine.state.holdsPersonalData == !dataFree.contains(kind))
    }
}
