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
    public static let contractCodes: Set<KioskError.Code> = [
        .requestInvalid, .identityNotFound, .identityMismatch, .identityTokenInvalid,
        .enrollmentNotFound, .enrollmentNotEligible, .enrollmentWindowNotOpen,
        .enrollmentWindowClosed, .enrollmentWindowClosedPayElsewhere, .enrollmentAlreadyPaid,
        .enrollmentNothingToPay, .paymentAmountMismatch, .payCodeInvalid,
        .paymentDeclined, .paymentNotFound, .paymentNotReversible, .paymentInProgress,
        .idempotencyConflict, .paymentIdempotencyKeyVoided, .receiptNotReady, .kioskUnknown,
        .configurationNotPublished, .backendInternal,
    ]

    /// The code as the session may use it: the contract's, or `backend.unlisted_code`.
    public var listedCode: KioskError.Code {
        guard let listed = KioskError.Code(rawValue: code), Self.contractCodes.contains(listed) else { return .backendUnlistedCode }
        return listed
    }
}

extension KioskError {
    /// The backend's problem when the backend answered with one.
    public var backendProblem: BackendProblem? { cause as? BackendProblem }
}
