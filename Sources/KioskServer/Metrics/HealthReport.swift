/// What `/healthz` answers: `{"status":"ok","checks":{"journal":{"ok":true},…}}`, 200 when every
/// check passed and 503 (status "failing") naming the failed checks otherwise.
public struct HealthReport: Sendable, Hashable, Codable {
    public struct Check: Sendable, Hashable, Codable {
        public var ok: Bool
        public var detail: String?

        public init(ok: Bool, detail: String? = nil) {
            self.ok = ok
            self.detail = detail
        }
    }

    public var status: String
    public var checks: [String: Check]

    public init(checks: [String: Check]) {
        self.checks = checks
        status = checks.values.allSatisfy(\.ok) ? "ok" : "failing"
    }

    public var isHealthy: Bool { status == "ok" }

    public var failing: [String] { checks.filter { !$0.value.ok }.keys.sorted() }

    public var httpStatus: Int { isHealthy ? 200 : 503 }
}
