import Foundation
import KioskBackendAPI
import KioskCore

extension SandboxAPI {
    public func createPayment(_ input: Operations.CreatePayment.Input) async throws -> Operations.CreatePayment.Output {
        guard case .json(let body) = input.body else { return .badRequest(.init(body: .applicationProblemJson(SandboxProblem.invalid("body must be JSON").body))) }
        switch try backend.createPayment(body, idempotencyKey: input.headers.idempotencyKey) {
        case .payment(_, let record):
            return .created(.init(body: .json(payment(record))))
        case .problem(let problem):
            switch problem.status {
            case 404: return .notFound(.init(body: .applicationProblemJson(problem.body)))
            case 409: return .conflict(.init(body: .applicationProblemJson(problem.body)))
            case 422: return .unprocessableContent(.init(body: .applicationProblemJson(problem.body)))
            default: return .badRequest(.init(body: .applicationProblemJson(problem.body)))
            }
        }
    }

    public func getPayment(_ input: Operations.GetPayment.Input) async throws -> Operations.GetPayment.Output {
        guard let record = try backend.queryPayment(id: input.path.paymentId) else {
            return .notFound(.init(body: .applicationProblemJson(SandboxProblem.paymentNotFound().body)))
        }
        return .ok(.init(body: .json(payment(record))))
    }

    public func getPaymentByIdempotencyKey(_ input: Operations.GetPaymentByIdempotencyKey.Input) async throws -> Operations.GetPaymentByIdempotencyKey.Output {
        guard let id = try backend.paymentID(createdUnder: input.path.idempotencyKey), let record = try backend.queryPayment(id: id) else {
            return .notFound(.init(body: .applicationProblemJson(SandboxProblem.paymentNotFound().body)))
        }
        return .ok(.init(body: .json(payment(record))))
    }

    public func voidPaymentByIdempotencyKey(
        _ input: Operations.VoidPaymentByIdempotencyKey.Input
    ) async throws -> Operations.VoidPaymentByIdempotencyKey.Output {
        switch try backend.fence(createUnder: input.path.idempotencyKey) {
        case .created(let record): return .ok(.init(body: .json(.init(outcome: .created, payment: payment(record)))))
        case .voided: return .ok(.init(body: .json(.init(outcome: .voided))))
        }
    }

    public func reversePayment(_ input: Operations.ReversePayment.Input) async throws -> Operations.ReversePayment.Output {
        switch try backend.reversePayment(id: input.path.paymentId, idempotencyKey: input.headers.idempotencyKey) {
        case .payment(_, let record): return .ok(.init(body: .json(payment(record))))
        case .problem(let problem) where problem.status == 404: return .notFound(.init(body: .applicationProblemJson(problem.body)))
        case .problem(let problem): return .conflict(.init(body: .applicationProblemJson(problem.body)))
        }
    }

    public func listPayments(_ input: Operations.ListPayments.Input) async throws -> Operations.ListPayments.Output {
        guard backend.registry.resident(reference: input.path.personRef) != nil else {
            return .notFound(.init(body: .applicationProblemJson(SandboxProblem.personNotFound().body)))
        }
        let lists = try backend.payments(personRef: input.path.personRef)
        return .ok(.init(body: .json(.init(own: lists.own.map(payment), forOthers: lists.forOthers.map(payment)))))
    }

    public func getReceipt(_ input: Operations.GetReceipt.Input) async throws -> Operations.GetReceipt.Output {
        guard let (record, receipt) = try backend.receipt(paymentID: input.path.paymentId) else {
            if try await backend.store.queue.read({ db in try PaymentRecord.exists(db, key: input.path.paymentId) }) == false {
                return .notFound(.init(body: .applicationProblemJson(SandboxProblem.paymentNotFound().body)))
            }
            return .conflict(.init(body: .applicationProblemJson(
                SandboxProblem(409, "receipt.not_ready", "the payment has not succeeded", zh: "缴费尚未成功，暂不能打印票据").body)))
        }
        guard let resident = backend.registry.resident(reference: record.personRef) else {
            return .notFound(.init(body: .applicationProblemJson(SandboxProblem.personNotFound().body)))
        }
        let base = backend.settings.publicBaseURL
        return .ok(.init(body: .json(.init(
            title: "社会保险费电子票据", receiptCode: receipt.code, receiptNumber: receipt.number, checkCode: receipt.checkCode,
            payerMaskedName: resident.maskedName, payerMaskedIdNumber: resident.idNumber.masked,
            items: [.init(label: record.itemLabel, amountFen: record.amountFen)],
            totalFen: record.amountFen, issuer: backend.settings.receiptIssuer, issuedAt: receipt.issuedAt,
            paymentId: record.id, kioskId: record.kioskId, channel: record.cardPayment.map { "银行卡 " + $0.maskedPan } ?? record.channel?.label,
            card: record.cardPayment,
            verificationUrl: "\(base)/receipts/verify?code=\(receipt.code)&number=\(receipt.number)&check=\(receipt.checkCode)"
        ))))
    }

    func payment(_ record: PaymentRecord) -> Components.Schemas.Payment {
        .init(
            paymentId: record.id, personRef: record.personRef, payerRef: record.payerRef, year: record.year, tier: record.tier,
            amountFen: record.amountFen, method: record.method, channel: record.channel.flatMap { .init(rawValue: $0.rawValue) }, status: record.status,
            failureCode: record.failureCode, failureMessageZh: record.failureMessage,
            qrUrl: record.method == .qr ? "\(backend.settings.publicBaseURL)/qr/\(record.id)" : nil,
            qrExpiresAt: record.qrExpiresAt, createdAt: record.createdAt, completedAt: record.completedAt,
            receiptAvailable: record.status == .succeeded, card: record.cardPayment
        )
    }
}
