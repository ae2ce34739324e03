extension SessionStateMachine {
    mutating func loadHistory(of person: SessionPerson, returnTo: SessionState) -> [SessionAction] {
        enter(.loadingHistory(person, returnTo: returnTo)) + [.loadPaymentHistory(personRef: person.personRef)]
    }

    mutating func loadingHistory(_ person: SessionPerson, returnTo: SessionState, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .historyLoaded(let entries): return enter(.showingHistory(person, entries, returnTo: returnTo))
        case .historyLoadFailed: return enter(returnTo)
        default: return []
        }
    }

    mutating func showingHistory(_ entries: [PaymentHistoryEntry], returnTo: SessionState, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .reprintRequested(let paymentID) where entries.contains(where: { $0.paymentID == paymentID && $0.receiptAvailable }):
            return fetchReceipt(ReceiptJob(paymentID: paymentID, purpose: .reprint))
        case .backTapped:
            return enter(returnTo)
        default:
            return []
        }
    }
}
