import ContributionPolicy
import Foundation
import GRDB
import KioskBackendAPI
import KioskCore

extension SandboxBackend {
    func createPayment(_ order: BackendPaymentRequest, idempotencyKey: String) throws -> IdempotentResponse {
        try idempotent(key: idempotencyKey, operation: "createPayment", requestHash: try IdempotentResponse.requestHash(order)) { db in
            switch try makePayment(order, db: db) {
            case .success(let record): .payment(status: 201, record)
            case .failure(let problem): .problem(problem)
            }
        }
    }

    private func makePayment(_ order: BackendPaymentRequest, db: Database) throws -> Result<PaymentRecord, SandboxProblem> {
        guard let resident = registry.resident(reference: order.personRef) else { return .failure(.personNotFound()) }
        if let payerRef = order.payerRef {
            guard let payer = registry.resident(reference: payerRef) else { return .failure(.personNotFound()) }
            guard payer.paysFor.contains(where: { $0.idNumber == resident.idNumber }) else {
                return .failure(SandboxProblem(422, "payment.payer_not_related", "the payer may not pay for this person",
                                               zh: "只能为登记的家庭成员代缴"))
            }
        }
        guard !order.kioskId.isEmpty, order.kioskId.count <= 64 else { return .failure(.invalid("kiosk_id must be 1–64 characters")) }
        if let paid = try PaymentRecord.succeeded(db, personRef: resident.personRef, year: order.year) {
            return .failure(SandboxProblem(409, "enrollment.already_paid", "already paid for \(order.year)", detail: "payment \(paid.id)",
                                           zh: "您\(order.year)年度的居民医保费已缴纳，无需重复缴费"))
        }
        if let open = try PaymentRecord.open(db, personRef: resident.personRef, year: order.year) {
            return .failure(SandboxProblem(409, "payment.in_progress", "another payment for this person and year is still open",
                                           detail: "payment \(open.id) is \(open.status.rawValue)", zh: "上一笔缴费尚在处理中，请稍后再试"))
        }
        let quote: EnrollmentQuote
        switch self.quote(resident, year: order.year, on: settings.currentDate()) {
        case .success(let value): quote = value
        case .failure(let problem): return .failure(problem)
        }
        guard let tier = quote.tiers.first(where: { $0.id == order.tier }) else {
            return .failure(.invalid("tier \"\(order.tier)\" is not one of \(quote.tiers.map(\.id).joined(separator: ", "))"))
        }
        guard tier.due > .zero else {
            return .failure(SandboxProblem(422, "enrollment.nothing_to_pay", "nothing to pay for this tier", zh: "您本年度个人无需缴费"))
        }
        guard order.amountFen == tier.due.fen else {
            return .failure(SandboxProblem(422, "payment.amount_mismatch", "amount \(order.amountFen) fen, due \(tier.due.fen) fen",
                                           zh: "缴费金额已更新，请重新确认"))
        }
        let now = settings.wallClock.now()
        var record = PaymentRecord(
            id: "pay_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24), personRef: resident.personRef,
            payerRef: order.payerRef, year: order.year, tier: tier.id, amountFen: order.amountFen, method: order.method,
            channel: nil, status: .pending, scenario: "qr", queryCount: 0, failureCode: nil, failureMessage: nil,
            qrExpiresAt: nil, createdAt: now, completedAt: nil, kioskId: order.kioskId, businessDate: settings.currentDate().description,
            itemLabel: "城乡居民基本医疗保险费 \(order.year)年度" + (quote.tiers.count > 1 ? "（\(tier.label)）" : ""),
            card: nil
        )
        guard order.method == .card || order.card == nil else { return .failure(.invalid("card is only for method card")) }
        switch order.method {
        case .paycode:
            guard let text = order.payCode else { return .failure(.invalid("pay_code is required for method paycode")) }
            let payCode: PayCode
            do {
                payCode = try PayCode(text)
            } catch {
                return .failure(SandboxProblem(422, "payment.paycode_invalid", error.message, zh: "无法识别的付款码，请出示微信、支付宝或云闪付付款码"))
            }
            let scenario = PayCodeScenario(payCode: payCode)
            record.channel = payCode.channel
            record.scenario = scenario.rawValue
            record.apply(scenario.initialOutcome, at: now)
        case .qr:
            guard order.payCode == nil else { return .failure(.invalid("pay_code is only for method paycode")) }
            record.qrExpiresAt = now.addingTimeInterval(settings.qrLifetime.secondsValue)
        case .card:
            // The terminal charged the card already: the backend records it, succeeded.
            guard order.payCode == nil else { return .failure(.invalid("pay_code is only for method paycode")) }
            guard let card = order.card else { return .failure(.invalid("card is required for method card")) }
            guard card.maskedPan.wholeMatch(of: /\*{4}[0-9]{4}/) != nil else {
                return .failure(.invalid("card.masked_pan must be \"****\" and the last four digits"))
            }
            guard !card.terminalTransactionId.isEmpty, card.terminalTransactionId.count <= 64 else {
                return .failure(.invalid("card.terminal_transaction_id must be 1–64 characters"))
            }
            record.scenario = "card"
            record.card = try PaymentRecord.encode(card)
            record.apply(.succeeded, at: now)
        }
        try record.insert(db)
        if record.status == .succeeded { try issueReceipt(for: record, db: db) }
        return .success(record)
    }

    /// The payment as the provider now sees it: a query advances user-paying and unknown outcomes, and expires QRs.
    func queryPayment(id: String) throws -> PaymentRecord? {
        try store.queue.write { db in
            guard var record = try PaymentRecord.fetchOne(db, key: id) else { return nil }
            let now = settings.wallClock.now()
            switch record.status {
            case .userPaying, .unknown:
                record.queryCount += 1
                if let scenario = PayCodeScenario(rawValue: record.scenario) {
                    record.apply(scenario.outcomeOnQuery(record.queryCount), at: now)
                }
            case .pending:
                if let expiry = record.qrExpiresAt, now >= expiry {
                    record.status = .expired
                    record.completedAt = now
                }
            default:
                return record
            }
            try record.update(db)
            if record.status == .succeeded { try issueReceipt(for: record, db: db) }
            return record
        }
    }

    /// The resident paid the on-screen QR with their phone (sandbox only: what the provider's callback does).
    public func simulateQRPaid(paymentID: String, channel: PayCode.Channel) throws -> Bool {
        try store.queue.write { db in
            guard var record = try PaymentRecord.fetchOne(db, key: paymentID), record.method == .qr, record.status == .pending else { return false }
            let now = settings.wallClock.now()
            if let expiry = record.qrExpiresAt, now >= expiry { return false }
            record.channel = channel
            record.apply(.succeeded, at: now)
            try record.update(db)
            try issueReceipt(for: record, db: db)
            return true
        }
    }

    func reversePayment(id: String, idempotencyKey: String) throws -> IdempotentResponse {
        try idempotent(key: idempotencyKey, operation: "reversePayment", requestHash: try IdempotentResponse.requestHash(id)) { db in
            guard var record = try PaymentRecord.fetchOne(db, key: id) else { return .problem(.paymentNotFound()) }
            switch record.status {
            case .pending, .userPaying, .unknown:
                record.status = .reversed
                record.completedAt = settings.wallClock.now()
                try record.update(db)
                return .payment(status: 200, record)
            case .succeeded:
                return .problem(SandboxProblem(409, "payment.not_reversible", "a succeeded payment is refunded, not reversed",
                                               zh: "该笔缴费已成功，如需退费请向税务部门申请"))
            default:
                return .payment(status: 200, record)
            }
        }
    }

    func payments(personRef: String) throws -> (own: [PaymentRecord], forOthers: [PaymentRecord]) {
        try store.queue.read { db in
            let own = try PaymentRecord.filter(Column("personRef") == personRef).order(Column("createdAt").desc).fetchAll(db)
            let others = try PaymentRecord.filter(Column("payerRef") == personRef && Column("personRef") != personRef)
                .order(Column("createdAt").desc).fetchAll(db)
            return (own, others)
        }
    }
}

extension PaymentRecord {
    mutating func apply(_ outcome: ProviderOutcome, at now: Date) {
        switch outcome {
        case .succeeded:
            status = .succeeded
            completedAt = now
        case .userPaying:
            status = .userPaying
        case .unknown:
            status = .unknown
        case .failed(let code, let message):
            status = .failed
            failureCode = code
            failureMessage = message
            completedAt = now
        }
    }
}

extension PaymentRecord {
    static func encode(_ card: Components.Schemas.CardPayment) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(card), as: UTF8.self)
    }

    var cardPayment: Components.Schemas.CardPayment? {
        card.flatMap { try? JSONDecoder().decode(Components.Schemas.CardPayment.self, from: Data($0.utf8)) }
    }
}
