extension SessionState.Kind {
    /// No resident is being served: maintenance, a test page or a configuration change can take effect now.
    public var isBetweenResidents: Bool { [.attract, .maintenance, .outOfService].contains(self) }
}

extension SessionStateMachine {
    /// New settings (a configuration update) take effect only between residents; false while one is served.
    public mutating func replaceSettings(_ settings: SessionSettings) -> Bool {
        guard state.kind.isBetweenResidents else { return false }
        self.settings = settings
        return true
    }
}
