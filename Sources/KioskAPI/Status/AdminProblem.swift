import KioskCore

/// The admin API's error body: a stable code and what is wrong (never personal data).
public struct AdminProblem: Codable, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
