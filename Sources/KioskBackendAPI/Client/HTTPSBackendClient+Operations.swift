import KioskCore

extension HTTPSBackendClient {
    public func resolveIdentity(_ claim: BackendIdentityClaim) async throws(KioskError) -> BackendPerson {
        let name = "resolveIdentity"
        switch try await call(name, { try await client.resolveIdentity(body: .json(claim)) }) {
        case .ok(let ok): return try await call(name) { try ok.body.json }
        case .badRequest(let problem): throw rejected(problem, 400, name)
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .unprocessableContent(let problem): throw rejected(problem, 422, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func enrollment(personRef: String, year: Int) async throws(KioskError) -> BackendEnrollment {
        let name = "getEnrollment"
        switch try await call(name, { try await client.getEnrollment(path: .init(personRef: personRef, year: year)) }) {
        case .ok(let ok): return try await call(name) { try ok.body.json }
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .unprocessableContent(let problem): throw rejected(problem, 422, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func createPayment(_ request: BackendPaymentRequest, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        let name = "createPayment"
        switch try await call(name, { try await client.createPayment(headers: .init(idempotencyKey: idempotencyKey), body: .json(request)) }) {
        case .created(let created): return try await call(name) { try created.body.json }
        case .badRequest(let problem): throw rejected(problem, 400, name)
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .conflict(let problem): throw rejected(problem, 409, name)
        case .unprocessableContent(let problem): throw rejected(problem, 422, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func payment(id: String) async throws(KioskError) -> BackendPayment {
        let name = "getPayment"
        switch try await call(name, { try await client.getPayment(path: .init(paymentId: id)) }) {
        case .ok(let ok): return try await call(name) { try ok.body.json }
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func fencePayment(idempotencyKey: String) async throws(KioskError) -> PaymentKeyFence {
        let name = "voidPaymentByIdempotencyKey"
        switch try await call(name, { try await client.voidPaymentByIdempotencyKey(path: .init(idempotencyKey: idempotencyKey)) }) {
        case .ok(let ok):
            let fence = try await call(name) { try ok.body.json }
            switch (fence.outcome, fence.payment) {
            case (.voided, nil): return .voided
            case (.created, let payment?): return .created(payment)
            case (.voided, _?), (.created, nil):
                throw KioskError(.backendMalformed, "\(name): outcome \(fence.outcome.rawValue) \(fence.payment == nil ? "without" : "with") a payment")
            }
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func reversePayment(id: String, idempotencyKey: String) async throws(KioskError) -> BackendPayment {
        let name = "reversePayment"
        switch try await call(name, { try await client.reversePayment(path: .init(paymentId: id), headers: .init(idempotencyKey: idempotencyKey)) }) {
        case .ok(let ok): return try await call(name) { try ok.body.json }
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .conflict(let problem): throw rejected(problem, 409, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func payments(personRef: String) async throws(KioskError) -> BackendPaymentList {
        let name = "listPayments"
        switch try await call(name, { try await client.listPayments(path: .init(personRef: personRef)) }) {
        case .ok(let ok): return try await call(name) { try ok.body.json }
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func receipt(paymentID: String) async throws(KioskError) -> BackendReceipt {
        let name = "getReceipt"
        switch try await call(name, { try await client.getReceipt(path: .init(paymentId: paymentID)) }) {
        case .ok(let ok): return try await call(name) { try ok.body.json }
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .conflict(let problem): throw rejected(problem, 409, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func desiredConfiguration(kioskID: String, region: String?, ifNoneMatch etag: String?) async throws(KioskError) -> DesiredConfiguration {
        let name = "getDesiredConfiguration"
        switch try await call(name, {
            try await client.getDesiredConfiguration(path: .init(kioskId: kioskID), query: .init(region: region), headers: .init(ifNoneMatch: etag))
        }) {
        case .ok(let ok): return .changed(try await call(name) { try ok.body.json }, etag: ok.headers.eTag)
        case .notModified: return .unchanged
        case .notFound(let problem): throw rejected(problem, 404, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    public func reportState(kioskID: String, _ report: BackendStateReport) async throws(KioskError) {
        let name = "reportKioskState"
        switch try await call(name, { try await client.reportKioskState(path: .init(kioskId: kioskID), body: .json(report)) }) {
        case .noContent: return
        case .badRequest(let problem): throw rejected(problem, 400, name)
        case .default(let status, let problem): throw rejected(problem, status, name)
        }
    }

    private func rejected(_ response: Components.Responses.Problem, _ status: Int, _ operation: String) -> KioskError {
        switch response.body {
        case .applicationProblemJson(let problem): BackendErrorMapping.rejected(problem, status: status, operation: operation)
        }
    }
}
