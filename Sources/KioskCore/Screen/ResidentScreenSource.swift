import Foundation

/// A state of the session as the screen needs it: the state, the touches it accepts, and when it began.
public struct ScreenUpdate: Sendable, Hashable {
    public var state: SessionState
    public var actions: [ResidentAction.Name]
    public var enteredAt: Date
    /// The payment methods offered now (configured, and their device available).
    public var methods: [PaymentMethod]?

    public init(state: SessionState, actions: [ResidentAction.Name], enteredAt: Date, methods: [PaymentMethod]? = nil) {
        self.state = state
        self.actions = actions
        self.enteredAt = enteredAt
        self.methods = methods
    }
}

/// The resident session seen from the touch screen (the SessionController in kioskd).
public protocol ResidentScreenSource: Sendable {
    var sessionSettings: SessionSettings { get }
    /// The present screen, then every change, until the session stops.
    func screenUpdates() async -> AsyncStream<ScreenUpdate>
    /// A resident's touch, already mapped to its event.
    func residentTouched(_ event: SessionEvent) async
}
