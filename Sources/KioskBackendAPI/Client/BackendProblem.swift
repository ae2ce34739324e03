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

    /// The stable codes of the contract's Problem schema (openapi.yaml). Another code becomes
    /// `backend.unlisted_code` in the session, so what a backend invents never becomes a screen
    /// of its own or a new metrics label.
    public static let contractCodes: Set<String> = [
        "request.invalid", "identity.not_found", "identity.mismatch", "identity.token_invalid",
        "enrollment.not_found", "enrollment.not_eligible", "enrollment.window_not_open",
        "enrollment.window_closed", "enrollment.window_closed_pay_elsewhere", "enrollment.already_paid",
        "enrollment.nothing_to_pay", "payment.amount_mismatch", "payment.paycode_invalid",
        "payment.declined", "payment.not_found", "payment.not_reversible", "payment.in_progress",
        "idempotency.conflict", "payment.idempotency_key_voided", "receipt.not_ready", "kiosk.unknown",
        "configuration.not_published", "internal",
    ]

    /// The code as the session may use it: the contract's, or `backend.unlisted_code`.
    public var listedCode: String { Self.contractCodes.contains(code) ? code : "backend.unlisted_code" }
}

extension KioskError {
    /// The backend's problem when the backend answered with one.
    public var backendProblem: BackendProblem? { cause as? BackendProblem }
}
