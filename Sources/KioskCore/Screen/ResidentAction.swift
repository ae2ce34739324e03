/// A touch on the resident screen, as the page sends it: `{"type":"action","action":"chooseTier","tier":1}`.
/// Indexes refer to the lists of the screen on show, so the page never holds a person's or a payment's reference.
public struct ResidentAction: Sendable, Hashable, Decodable {
    public enum Name: String, Sendable, Hashable, CaseIterable, Decodable {
        case chooseManualEntry, submitIdentity, chooseTier, confirmPayment, confirmRegistration, payForOther
        case chooseRelative, history, reprint, chooseMethod, continueWithoutReceipt, retry, back, cancel
        case `continue`, done
        /// Typing on the screen: not a step, never offered as a button.
        case touch
    }

    public var action: Name
    public var name: String?
    public var idNumber: String?
    public var tier: Int?
    public var index: Int?
    public var method: String?

    public init(_ action: Name, name: String? = nil, idNumber: String? = nil, tier: Int? = nil, index: Int? = nil, method: String? = nil) {
        self.action = action
        self.name = name
        self.idNumber = idNumber
        self.tier = tier
        self.index = index
        self.method = method
    }

    /// The session event this touch means on the screen of `state`; what is missing or out of range is named.
    public func event(in state: SessionState) throws(ResidentActionError) -> SessionEvent {
        switch action {
        case .chooseManualEntry: return .manualEntryChosen
        case .submitIdentity: return try typedIdentity()
        case .chooseTier: return .tierChosen(try element(tier, "tier", of: Self.tiers(in: state)).id)
        case .confirmPayment: return .paymentConfirmed
        case .confirmRegistration: return .registrationConfirmed
        case .payForOther: return .payForOtherChosen
        case .chooseRelative: return .relativeChosen(personRef: try element(index, "index", of: Self.relatives(in: state)).personRef)
        case .history: return .historyRequested
        case .reprint: return .reprintRequested(paymentID: try element(index, "index", of: Self.history(in: state)).paymentID)
        case .chooseMethod:
            guard let method, let chosen = PaymentMethod(rawValue: method) else {
                throw ResidentActionError("chooseMethod needs \"method\": one of paycode, qr")
            }
            return .methodChosen(chosen)
        case .continueWithoutReceipt: return .continueWithoutReceiptChosen
        case .retry: return .retryChosen
        case .back: return .backTapped
        case .cancel: return .cancelTapped
        case .continue: return .continueTapped
        case .done: return .doneTapped
        case .touch: return .residentActive
        }
    }

    private func typedIdentity() throws(ResidentActionError) -> SessionEvent {
        guard let name = name?.trimmingWhitespace(), let idNumber = idNumber?.trimmingWhitespace().uppercased() else {
            throw ResidentActionError("submitIdentity needs \"name\" and \"idNumber\"")
        }
        // Generous bounds: the state machine judges the content; this only refuses absurd input.
        guard (1...40).contains(name.count), (1...18).contains(idNumber.count) else {
            throw ResidentActionError("submitIdentity: name must be 1–40 characters and idNumber 1–18")
        }
        return .identityTyped(name: name, idNumber: idNumber)
    }

    private func element<T>(_ position: Int?, _ field: String, of list: [T]) throws(ResidentActionError) -> T {
        guard let position else { throw ResidentActionError("\(action.rawValue) needs \"\(field)\"") }
        guard list.indices.contains(position) else {
            throw ResidentActionError("\(action.rawValue): \(field) \(position) is not on this screen (0..<\(list.count))")
        }
        return list[position]
    }

    static func tiers(in state: SessionState) -> [Tier] {
        if case .showingEnrollment(let context) = state { return context.enrollment.tiers }
        return []
    }

    static func relatives(in state: SessionState) -> [SessionRelative] {
        if case .choosingBeneficiary(let payer, _) = state { return payer.paysFor }
        return []
    }

    static func history(in state: SessionState) -> [PaymentHistoryEntry] {
        if case .showingHistory(_, let entries, _) = state { return entries }
        return []
    }
}

public struct ResidentActionError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
