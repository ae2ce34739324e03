import Foundation
import KioskBackendAPI
import KioskCore
import Testing

@Suite("sandbox backend: Idempotency-Key")
struct IdempotencyTests {
    @Test("the same key and body replays the stored answer, errors included; another body is a 409")
    func replayAndConflict() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangJianguo)
            let tier = try await client.enrollment(personRef: person.personRef, year: 2021).tiers[0]
            let request = PaymentFlowTests.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456791")
            let first = try await client.createPayment(request, idempotencyKey: "pay-replay-0001")
            // The payment moves on, but the replay is the answer as first given, for the same payment.
            _ = try await client.payment(id: first.paymentId)
            let replay = try await client.createPayment(request, idempotencyKey: "pay-replay-0001")
            #expect(replay.paymentId == first.paymentId)
            #expect(replay.status == .userPaying)
            var other = request
            other.payCode = "134567890123456700"
            await expectKioskError(.backendRejected, problem: "idempotency.conflict") {
                try await client.createPayment(other, idempotencyKey: "pay-replay-0001")
            }

            let child = try await client.person(DemoResident.zhangXiaoyu)
            var wrongAmount = PaymentFlowTests.request(child, due: 1, tier: tier.id, payCode: "134567890123456700")
            wrongAmount.amountFen = 1
            await expectKioskError(.backendRejected, problem: "payment.amount_mismatch") { try await client.createPayment(wrongAmount, idempotencyKey: "pay-replay-0002") }
            await expectKioskError(.backendRejected, problem: "payment.amount_mismatch") { try await client.createPayment(wrongAmount, idempotencyKey: "pay-replay-0002") }
        }
    }

    @Test("concurrent retries of one key create exactly one payment")
    func concurrentRetries() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangXiaoyu)
            let tier = try await client.enrollment(personRef: person.personRef, year: 2021).tiers[0]
            let request = PaymentFlowTests.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456700")
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 { group.addTask { try await client.createPayment(request, idempotencyKey: "pay-concurrent-1").paymentId } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await client.payments(personRef: person.personRef).own.count == 1)
        }
    }

    @Test("the fence answers the payment made under a key; a key that made none is voided, and a create arriving after the fence is refused")
    func fenceAnswersOrVoids() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangJianguo)
            let tier = try await client.enrollment(personRef: person.personRef, year: 2021).tiers[0]
            // The create's answer was lost while it was held in front of the backend: the kiosk fences first.
            let late = PaymentFlowTests.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456700")
            guard case .voided = try await client.fencePayment(idempotencyKey: "pay-held-00001") else {
                Issue.record("a key no create has reached is voided")
                return
            }
            // The held create arrives now: refused, nothing charged, and the fence still says voided.
            await expectKioskError(.backendRejected, problem: "payment.idempotency_key_voided") {
                try await client.createPayment(late, idempotencyKey: "pay-held-00001")
            }
            #expect(try await client.payments(personRef: person.personRef).own.isEmpty)
            guard case .voided = try await client.fencePayment(idempotencyKey: "pay-held-00001") else {
                Issue.record("asking the fence again gives the same outcome")
                return
            }

            // Ends in 95: the provider did not answer; the fence answers as getPayment would, so it moves on.
            let request = PaymentFlowTests.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456795")
            let created = try await client.createPayment(request, idempotencyKey: "pay-lookup-0001")
            guard case .created(let found) = try await client.fencePayment(idempotencyKey: "pay-lookup-0001") else {
                Issue.record("the fence of a key that made a payment answers that payment")
                return
            }
            #expect(found.paymentId == created.paymentId)
            #expect(found.status == .succeeded)
            // The create's replay still answers as first given: the fence does not void a key that made a payment.
            #expect(try await client.createPayment(request, idempotencyKey: "pay-lookup-0001").paymentId == created.paymentId)

            // A create refused before the fence: voided (no money moved), and its replay stays refused.
            let child = try await client.person(DemoResident.zhangXiaoyu)
            var wrongAmount = PaymentFlowTests.request(child, due: 1, tier: tier.id, payCode: "134567890123456700")
            wrongAmount.amountFen = 1
            await expectKioskError(.backendRejected, problem: "payment.amount_mismatch") {
                try await client.createPayment(wrongAmount, idempotencyKey: "pay-refused-0001")
            }
            guard case .voided = try await client.fencePayment(idempotencyKey: "pay-refused-0001") else {
                Issue.record("a key whose create was refused is voided")
                return
            }
            await expectKioskError(.backendRejected, problem: "payment.amount_mismatch") {
                try await client.createPayment(wrongAmount, idempotencyKey: "pay-refused-0001")
            }
        }
    }

    @Test("a create racing the fence of its key lands wholly before it (the fence answers it) or is refused (voided): never both, never neither")
    func fenceRacesCreate() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangXiaoyu)
            let tier = try await client.enrollment(personRef: person.personRef, year: 2021).tiers[0]
            // Ends in 93: declined at once, so the person stays payable for the next round.
            let request = PaymentFlowTests.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456793")
            var createdFirst = 0, fencedFirst = 0
            for round in 0..<40 {
                let key = "pay-race-\(round)-key"
                async let create = Self.outcome { () throws(KioskError) in try await client.createPayment(request, idempotencyKey: key) }
                async let fence = client.fencePayment(idempotencyKey: key)
                let (created, fenced) = (await create, try await fence)
                switch (created, fenced) {
                case (.success(let payment), .created(let found)):
                    #expect(payment.paymentId == found.paymentId, "round \(round)")
                    createdFirst += 1
                case (.failure(let error), .voided):
                    #expect(error.backendProblem?.code == "payment.idempotency_key_voided", "round \(round): \(error)")
                    fencedFirst += 1
                case (let created, let fenced):
                    Issue.record("round \(round): create \(created) but fence \(fenced)")
                }
            }
            // Every payment the ledger holds is one the fence answered; none was made under a voided key.
            #expect(try await client.payments(personRef: person.personRef).own.count == createdFirst)
            #expect(createdFirst + fencedFirst == 40)
        }
    }

    static func outcome<T>(_ body: () async throws(KioskError) -> T) async -> Result<T, KioskError> {
        do throws(KioskError) { return .success(try await body()) } catch { return .failure(error) }
    }
}
