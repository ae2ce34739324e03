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

    @Test("a payment is found by the key it was created under; a key that created none finds nothing")
    func lookupByKey() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangJianguo)
            let tier = try await client.enrollment(personRef: person.personRef, year: 2021).tiers[0]
            // Ends in 95: the provider did not answer; the lookup is a query, so it moves on as getPayment would.
            let request = PaymentFlowTests.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456795")
            let created = try await client.createPayment(request, idempotencyKey: "pay-lookup-0001")
            let found = try #require(try await client.payment(idempotencyKey: "pay-lookup-0001"))
            #expect(found.paymentId == created.paymentId)
            #expect(found.status == .succeeded)

            #expect(try await client.payment(idempotencyKey: "pay-never-sent-01") == nil)
            // Another person: 张建国 has paid now, so his next attempt would be refused as already paid.
            let child = try await client.person(DemoResident.zhangXiaoyu)
            var wrongAmount = PaymentFlowTests.request(child, due: 1, tier: tier.id, payCode: "134567890123456700")
            wrongAmount.amountFen = 1
            await expectKioskError(.backendRejected, problem: "payment.amount_mismatch") {
                try await client.createPayment(wrongAmount, idempotencyKey: "pay-refused-0001")
            }
            #expect(try await client.payment(idempotencyKey: "pay-refused-0001") == nil)
        }
    }
}
