extension SessionStateMachine {
    /// User-paying or unknown: queried every poll interval (the timer asks), reversed after the limit.
    mutating func awaitingPayer(_ flight: PaymentInFlight, pollsLeft: Int, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentQueried(let snapshot):
            return settle(snapshot, flight, pollsLeft: pollsLeft - 1)
        case .paymentQueryFailed:
            guard pollsLeft > 1, case .awaitingPayer(_, let snapshot, _) = state else { return reverse(flight, .notConfirmed) }
            return enter(.awaitingPayer(flight, snapshot, pollsLeft: pollsLeft - 1))
        default:
            return []
        }
    }

    /// The on-screen QR: queried every poll interval until it is paid or the QR timer runs out.
    mutating func showingQR(_ flight: PaymentInFlight, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .paymentQueried(let snapshot):
            return settle(snapshot, flight, pollsLeft: settings.maximumPolls)
        case .paymentQueryFailed:
            guard case .showingQR(_, let snapshot) = state else { return [] }
            return enter(.showingQR(flight, snapshot), keeping: [.qr])
        default:
            return []
        }
    }
}
