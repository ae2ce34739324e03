import KioskCore
import Testing

/// Short, data-free names of actions, so expectations read as a list: "+idle" starts the idle timer,
/// "-idle" cancels it, "end(cancelled)" records the session's end.
func label(_ action: SessionAction) -> String {
    switch action {
    case .startTimer(let kind, _, _): "+\(kind.rawValue)"
    case .cancelTimer(let kind): "-\(kind.rawValue)"
    case .recordSessionEnd(let reason): "end(\(endLabel(reason)))"
    case .journalPaymentState(_, let state): "journalPaymentState(\(state.rawValue))"
    case .journalReceipt(_, let state): "journalReceipt(\(state.rawValue))"
    case .printDocument(let document): "printDocument(\(document.kindName))"
    case .readCard: "readCard"
    case .resolveIdentity: "resolveIdentity"
    case .loadEnrollment: "loadEnrollment"
    case .loadPaymentHistory: "loadPaymentHistory"
    case .checkPrinter: "checkPrinter"
    case .journalPaymentIntent: "journalPaymentIntent"
    case .submitPayment: "submitPayment"
    case .journalSubmission: "journalSubmission"
    case .queryPayment: "queryPayment"
    case .fencePaymentKey: "fencePaymentKey"
    case .reversePayment: "reversePayment"
    case .fetchReceipt: "fetchReceipt"
    case .reconcilePayments: "reconcilePayments"
    case .journalAnomaly(_, _, let differences): "journalAnomaly(\(differences.joined(separator: ",")))"
    case .payAtTerminal: "payAtTerminal"
    case .queryTerminal: "queryTerminal"
    case .abortAtTerminal: "abortAtTerminal"
    case .reverseAtTerminal(_, let reason): "reverseAtTerminal(\(reason.rawValue))"
    case .journalCardApproval: "journalCardApproval"
    }
}

func endLabel(_ reason: SessionEndReason) -> String {
    switch reason {
    case .completed: "completed"
    case .cancelled: "cancelled"
    case .timedOut: "timedOut"
    case .cardRemoved: "cardRemoved"
    case .failed: "failed"
    case .shutdown: "shutdown"
    }
}

func labels(_ actions: [SessionAction]) -> [String] { actions.map(label) }

extension SessionAction {
    var isTimer: Bool {
        switch self {
        case .startTimer, .cancelTimer: true
        default: false
        }
    }
}

extension SessionStateMachine {
    /// Feeds events in order and returns every action, failing the test if any event is ignored.
    @discardableResult
    mutating func feed(_ events: SessionEvent..., sourceLocation: SourceLocation = #_sourceLocation) -> [SessionAction] {
        var all: [SessionAction] = []
        for event in events {
            let before = state
            let actions = handle(event)
            #expect(!(actions.isEmpty && before == state), "\(event.name) was ignored in \(before.kind)", sourceLocation: sourceLocation)
            all += actions
        }
        return all
    }

    /// Fires the running timer of `kind` with its live generation.
    mutating func fire(_ kind: TimerKind, sourceLocation: SourceLocation = #_sourceLocation) -> [SessionAction] {
        guard let generation = runningTimers[kind] else {
            Issue.record("no \(kind) timer is running in \(state.kind)", sourceLocation: sourceLocation)
            return []
        }
        return handle(.timerFired(kind, generation: generation))
    }
}
