import KioskBackendAPI

/// A problem the sandbox answers with: HTTP status plus the contract's stable code.
struct SandboxProblem: Error, Codable {
    let status: Int
    let code: String
    let title: String
    let detail: String?
    let messageZh: String?

    init(_ status: Int, _ code: String, _ title: String, detail: String? = nil, zh messageZh: String? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.messageZh = messageZh
    }

    var body: Components.Schemas.Problem {
        .init(_type: "https://kioskd.invalid/problems/\(code)", title: title, status: status, code: code, detail: detail, messageZh: messageZh)
    }

    static func personNotFound() -> Self {
        .init(404, "identity.not_found", "no such person", zh: "未查询到您的参保登记信息，请到社区（村）劳动保障服务站办理参保登记")
    }

    static func paymentNotFound() -> Self { .init(404, "payment.not_found", "no such payment") }

    static func invalid(_ detail: String, zh: String? = nil) -> Self {
        .init(400, "request.invalid", "invalid request", detail: detail, zh: zh)
    }
}
