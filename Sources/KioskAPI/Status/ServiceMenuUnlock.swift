import KioskCore

/// `POST /v1/service-menu/unlock` (`kioskctl pin unlock`): whether the on-screen PIN pad was locked.
public struct ServiceMenuUnlock: Codable, Sendable, Equatable {
    public var wasLocked: Bool

    public init(wasLocked: Bool) {
        self.wasLocked = wasLocked
    }
}
