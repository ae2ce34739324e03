import Crypto
import Foundation
import GRDB
import KioskCore

/// What an idempotent operation answered, stored so that a retry with the same key and body gets
/// exactly the same answer (errors included), Stripe-style.
enum IdempotentResponse: Sendable {
    case payment(status: Int, PaymentRecord)
    case problem(SandboxProblem)

    /// The request's canonical JSON (sorted keys), hashed: the same body always gives the same hash.
    static func requestHash(_ request: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return SHA256.hash(data: try encoder.encode(request)).map { String(format: "%02x", $0) }.joined()
    }
}

extension SandboxBackend {
    /// Runs `operation` once per (key, operation name): the same key and request replays the stored
    /// answer; the same key with a different request is a 409.
    func idempotent(
        key: String, operation: String, requestHash: String,
        _ perform: (Database) throws -> IdempotentResponse
    ) throws -> IdempotentResponse {
        try store.queue.write { db in
            if let stored = try IdempotencyRecord.fetchOne(db, key: ["key": key, "operation": operation]) {
                // A fenced key refuses every create, whatever its body.
                guard stored.requestHash == requestHash || stored.requestHash == Self.fencedRequestHash else {
                    return .problem(SandboxProblem(409, "idempotency.conflict", "Idempotency-Key already used for another request",
                                                   detail: "the key was first used at \(stored.createdAt)"))
                }
                return try Self.decode(stored, db: db)
            }
            let response = try perform(db)
            try Self.store(response, key: key, operation: operation, requestHash: requestHash, at: settings.wallClock.now(), db: db)
            return response
        }
    }

    /// The request hash a fence stores in the create's place; no request body hashes to it.
    static let fencedRequestHash = "voided-by-fence"

    enum KeyFence {
        case created(PaymentRecord)
        case voided
    }

    /// `voidPaymentByIdempotencyKey`: in one write transaction (the same one a create takes, so a
    /// concurrent create lands wholly before or wholly after it), the payment created under `key`,
    /// or a stored refusal in the create's place, so that any later create under `key` is refused.
    /// A create refused before the fence stays refused: that is voided too.
    func fence(createUnder key: String) throws -> KeyFence {
        let createdID: String? = try store.queue.write { db in
            if let stored = try IdempotencyRecord.fetchOne(db, key: ["key": key, "operation": "createPayment"]) {
                guard case .payment(_, let record) = try Self.decode(stored, db: db) else { return nil }
                return record.id
            }
            let voided = SandboxProblem(409, "payment.idempotency_key_voided", "the Idempotency-Key was fenced: no payment is made under it",
                                        zh: "本次缴费已取消，未扣款，请重新操作")
            try Self.store(.problem(voided), key: key, operation: "createPayment", requestHash: Self.fencedRequestHash, at: settings.wallClock.now(), db: db)
            return nil
        }
        guard let createdID else { return .voided }
        // Answered as getPayment would: the query advances the provider's state.
        guard let record = try queryPayment(id: createdID) else {
            throw KioskError(.sandboxStoreFailed, "payment \(createdID) made under a key is missing from the ledger")
        }
        return .created(record)
    }

    /// The id of the payment a create call made under `key`; nil when none was made (never received, or refused).
    func paymentID(createdUnder key: String) throws -> String? {
        try store.queue.read { db in
            guard let stored = try IdempotencyRecord.fetchOne(db, key: ["key": key, "operation": "createPayment"]),
                  case .payment(_, let record) = try Self.decode(stored, db: db) else { return nil }
            return record.id
        }
    }

    /// Stores an answer as the one every later request under (key, operation) gets.
    private static func store(_ response: IdempotentResponse, key: String, operation: String, requestHash: String, at time: Date, db: Database) throws {
        let (status, body) = try encode(response)
        try IdempotencyRecord(key: key, operation: operation, requestHash: requestHash, responseStatus: status, responseBody: body, createdAt: time).insert(db)
    }

    private static func encode(_ response: IdempotentResponse) throws -> (Int, Data) {
        switch response {
        case .payment(let status, let record): (status, try JSONEncoder().encode(record))
        case .problem(let problem): (problem.status, try JSONEncoder().encode(problem))
        }
    }

    /// A replay is the answer as first given (a later status is what getPayment is for).
    private static func decode(_ stored: IdempotencyRecord, db: Database) throws -> IdempotentResponse {
        if stored.responseStatus < 300 {
            return .payment(status: stored.responseStatus, try JSONDecoder().decode(PaymentRecord.self, from: stored.responseBody))
        }
        return .problem(try JSONDecoder().decode(SandboxProblem.self, from: stored.responseBody))
    }
}
