import Foundation
import KioskCore

extension SessionController: ResidentScreenSource {
    public nonisolated var sessionSettings: SessionSettings { settingsMirror.withLock { $0 } }

    /// Settings from a configuration update. Taken only between residents: false while one is being
    /// served (the caller waits for the session to end and asks again).
    public func replaceSettings(_ new: SessionSettings) -> Bool {
        guard machine.replaceSettings(new) else { return false }
        settingsMirror.withLock { $0 = new }
        return true
    }

    public func screenUpdates() -> AsyncStream<ScreenUpdate> {
        screenChanges.subscribe(initial: [screenUpdate], buffering: 16)
    }

    public func residentTouched(_ event: SessionEvent) {
        send(event)
    }

    var screenUpdate: ScreenUpdate {
        ScreenUpdate(state: machine.state, actions: ResidentAction.offered(by: machine), enteredAt: stateEnteredAt, methods: machine.offeredMethods)
    }

    func publishScreen() {
        guard screenChanges.hasSubscribers else { return }
        screenChanges.publish(screenUpdate)
    }
}

extension SessionController {
    /// Counts what one transition settled and showed: a session's end, a payment's final state (as
    /// journaled, or left unresolved for reconciliation), and the problem code the new screen shows.
    func recordMetrics(before: SessionState, after: SessionState, actions: [SessionAction]) {
        var journaledFinalState = false
        for action in actions {
            switch action {
            case .recordSessionEnd(let reason):
                SessionMetrics.sessionEnded(reason)
            case .journalPaymentState(_, let state):
                guard let outcome = state.metricOutcome, let method = before.paymentInFlight?.draft.method else { continue }
                journaledFinalState = true
                SessionMetrics.paymentFinished(method, outcome: outcome)
            default:
                break
            }
        }
        // Leaving a payment in flight without a final state (retries exhausted, shutdown): the journal
        // keeps it open for reconciliation.
        if !journaledFinalState, let flight = before.paymentInFlight, !after.hasMoneyInFlight {
            SessionMetrics.paymentFinished(flight.draft.method, outcome: "unresolved")
        }
        // Resuming a screen after "still there?" shows its notice again; that is not a second problem.
        if before != after, let code = after.shownProblemCode, !before.isStillThere {
            SessionMetrics.problemShown(code)
        }
    }
}

extension SessionState {
    /// The code of the notice the resident's screen shows in this state (as `ResidentScreen` draws it).
    var shownProblemCode: KioskError.Code? {
        switch self {
        case .attract(let notice), .typingIdentity(let notice), .choosingBeneficiary(_, let notice), .awaitingPayCode(_, let notice):
            notice
        case .unavailable(_, _, let problem), .paymentFailed(_, let problem), .failed(let problem):
            problem.code
        case .printerUnavailable(_, let readiness):
            readiness.problem ?? .printerOffline
        case .outOfService(let code):
            code
        default:
            nil
        }
    }

    var isStillThere: Bool {
        if case .stillThere = self { return true }
        return false
    }
}
