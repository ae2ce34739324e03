import KioskCore

/// The backend's application/problem+json answer: the cause of a `.backendRejected` or `.backendServerError`.
public struct BackendProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let status: Int
    /// The contract's stable code, e.g. `enrollment.already_paid`.
    public let code: String
    public let title: String
    public let detail: String?
    /// Plain Chinese for the resident, when the backend gave one.
    public let messageZh: String?

    init(status: Int, _ problem: Components.Schemas.Problem) {
        self.status = status
        code = problem.code
        title = problem.title
        detail = problem.detail
        messageZh = problem.messageZh
    }

    public var description: String { "HTTP \(status) \(code): \(title)\(detail.map { " — \($0)" } ?? "")" }
}

extension KioskError {
    /// The backend's problem when the backend answered with one.
    public var backendProblem: BackendProblem? { cause as? BackendProblem }
}
