/// Why something the session asked for did not work, as the state machine sees it: a stable code
/// (the UI maps it to Chinese in `ResidentMessage`), the backend's own Chinese text when it gave one,
/// and whether the request may have taken effect anyway.
public struct SessionProblem: Sendable, Hashable, CustomStringConvertible {
    public var code: KioskError.Code
    /// Plain Chinese from the backend (e.g. the payment window's dates), shown under the table's text.
    public var backendMessage: String?
    /// True when the request may have reached the backend and taken effect (timeout, connection lost,
    /// 5xx): a payment must then be looked up by its idempotency key, never assumed absent.
    public var isUncertain: Bool

    public init(_ code: KioskError.Code, backendMessage: String? = nil, isUncertain: Bool = false) {
        self.code = code
        self.backendMessage = backendMessage
        self.isUncertain = isUncertain
    }

    public var description: String { isUncertain ? "\(code) (uncertain)" : "\(code)" }
}
