extension ResidentAction {
    /// The buttons a screen may show: every action whose event the state machine accepts in its
    /// present state, tried on a copy of it. The page never decides what a state allows.
    public static func offered(by machine: SessionStateMachine) -> [Name] {
        Name.allCases.filter { name in
            samples(of: name, in: machine.state).contains { sample in
                guard let event = try? sample.event(in: machine.state) else { return false }
                return machine.accepts(event)
            }
        }
    }

    /// Representative touches: a tier other than the chosen one, a relative, a reprintable payment, each method.
    static func samples(of name: Name, in state: SessionState) -> [ResidentAction] {
        switch name {
        case .touch: []
        case .submitIdentity: [ResidentAction(name, name: "张三", idNumber: "11010519491231002X")]
        case .chooseTier:
            if case .showingEnrollment(let context) = state {
                tiers(in: state).indices.filter { tiers(in: state)[$0].id != context.tierID }.prefix(1).map { ResidentAction(name, tier: $0) }
            } else { [] }
        case .chooseRelative: relatives(in: state).indices.prefix(1).map { ResidentAction(name, index: $0) }
        case .reprint: history(in: state).indices.filter { history(in: state)[$0].receiptAvailable }.prefix(1).map { ResidentAction(name, index: $0) }
        case .chooseMethod: PaymentMethod.allCases.map { ResidentAction(name, method: $0.rawValue) }
        default: [ResidentAction(name)]
        }
    }
}

extension SessionStateMachine {
    /// Whether `event` would do anything now, without doing it.
    public func accepts(_ event: SessionEvent) -> Bool {
        var probe = self
        let actions = probe.handle(event)
        return !actions.isEmpty || probe.state != state
    }
}
