import KioskCore
import Testing

@Suite("session state machine: timeouts and the continue countdown")
struct SessionTimeoutTests {
    @Test("an idle timeout asks to continue; continuing resumes the screen with a fresh timer")
    func continueResumes() {
        var machine = StateCatalog.machine(in: .showingEnrollment)
        let screen = machine.state
        let generation = machine.runningTimers[.idle] ?? 0
        #expect(machine.fire(.idle) == [.startTimer(.countdown, seconds: 15, generation: generation + 1)])
        #expect(machine.state == .stillThere(resume: screen))
        let resumed = machine.feed(.continueTapped)
        #expect(machine.state == screen)
        #expect(resumed == [.cancelTimer(.countdown), .startTimer(.idle, seconds: 60, generation: generation + 2)])
    }

    @Test("the countdown running out wipes the session")
    func countdownWipes() {
        var machine = StateCatalog.machine(in: .stillThere)
        #expect(machine.fire(.countdown) == [.recordSessionEnd(.timedOut)])
        #expect(machine.state == .attract(notice: .sessionTimedOut))
    }

    @Test("a timer fired with a stale generation is ignored")
    func staleTimer() {
        var machine = StateCatalog.machine(in: .showingEnrollment)
        let old = machine.runningTimers[.idle] ?? 0
        machine.feed(.tierChosen("tier2"))
        #expect(machine.handle(.timerFired(.idle, generation: old)).isEmpty)
        #expect(machine.state.kind == .showingEnrollment)
    }

    @Test("the pay-code wait has its own timeout, then the countdown")
    func payCodeTimeout() {
        var machine = StateCatalog.machine(in: .awaitingPayCode)
        #expect(machine.runningTimers[.idle] == nil)
        _ = machine.fire(.payCode)
        #expect(machine.state.kind == .stillThere)
        machine.feed(.continueTapped)
        #expect(machine.state.kind == .awaitingPayCode)
        #expect(machine.runningTimers[.payCode] != nil)
    }

    @Test("no resident timeout runs while money is in flight",
          arguments: [SessionState.Kind.journalingIntent, .submitting, .resolvingSubmission, .awaitingPayer, .showingQR, .reversing])
    func noTimeoutInFlight(kind: SessionState.Kind) {
        let machine = StateCatalog.machine(in: kind)
        #expect(machine.state.hasMoneyInFlight)
        // No resident timeout: only the payment's own polling and deadlines, and the dwell that bounds a wait on the backend.
        #expect(Set(machine.runningTimers.keys).isSubset(of: [.poll, .qr, .dwell]))
        var cancelled = machine
        let actions = cancelled.handle(.cancelTapped)
        #expect(!actions.contains(.recordSessionEnd(.cancelled)), "cancel never abandons money in flight")
    }

    @Test("the take-receipt timeout ends on the attract screen")
    func takeReceipt() {
        var machine = StateCatalog.machine(in: .takingReceipt)
        #expect(machine.fire(.takeReceipt).isEmpty)
        #expect(machine.state == .attract(notice: nil))
    }
}
