import Foundation
import KioskBackendAPI
import KioskCore
import Testing

@Suite("sandbox backend: enrollment, pay-code and QR payments, receipts")
struct PaymentFlowTests {
    static func request(_ person: BackendPerson, due: Int64, tier: String, payCode: String?, payer: String? = nil) -> BackendPaymentRequest {
        .init(personRef: person.personRef, payerRef: payer, year: 2021, tier: tier, amountFen: due,
              method: payCode == nil ? .qr : .paycode, payCode: payCode, kioskId: "NT-TEST-0001")
    }

    @Test("an adult in Nantong pays 430 yuan by WeChat pay code and gets a numbered e-receipt (seed 000 line 20)")
    func payCodeSucceeds() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangJianguo)
            let enrollment = try await client.enrollment(personRef: person.personRef, year: 2021)
            #expect(enrollment.status == .payable)
            let tier = try #require(enrollment.tiers.first { $0.id == enrollment.defaultTier })
            #expect(tier.dueFen == 43_000)
            let payment = try await client.createPayment(Self.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456700"), idempotencyKey: "key-\(UUID())")
            #expect(payment.status == .succeeded)
            #expect(payment.channel == .wechat)
            #expect(payment.receiptAvailable)
            let receipt = try await client.receipt(paymentID: payment.paymentId)
            #expect(receipt.receiptCode == "32060021")
            #expect(receipt.receiptNumber == "0000000001")
            #expect(receipt.checkCode.count == 6)
            #expect(receipt.totalFen == 43_000)
            #expect(receipt.payerMaskedName == "张*国")
            #expect(receipt.payerMaskedIdNumber == "3206**********0210")
            #expect(receipt.channel == "微信")
            let after = try await client.enrollment(personRef: person.personRef, year: 2021)
            #expect(after.status == .paid)
            #expect(after.paidPaymentId == payment.paymentId)
            await expectKioskError(.backendRejected, problem: "enrollment.already_paid") {
                try await client.createPayment(Self.request(person, due: tier.dueFen, tier: tier.id, payCode: "134567890123456701"), idempotencyKey: "key-\(UUID())")
            }
        }
    }

    @Test("a wrong amount, an unreadable pay code and an exempt resident are refused with their codes")
    func refusals() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangJianguo)
            await expectKioskError(.backendRejected, problem: "payment.amount_mismatch") {
                try await client.createPayment(Self.request(person, due: 42_000, tier: "basic", payCode: "134567890123456700"), idempotencyKey: "key-\(UUID())")
            }
            let enrollment = try await client.enrollment(personRef: person.personRef, year: 2021)
            await expectKioskError(.backendRejected, problem: "payment.paycode_invalid") {
                try await client.createPayment(Self.request(person, due: enrollment.tiers[0].dueFen, tier: enrollment.tiers[0].id, payCode: "991234"), idempotencyKey: "key-\(UUID())")
            }
            let exempt = try await client.person(DemoResident.wangXiuying)
            let exemptEnrollment = try await client.enrollment(personRef: exempt.personRef, year: 2021)
            #expect(exemptEnrollment.status == .exempt)
            #expect(exemptEnrollment.relief?.kind == .exemption)
        }
    }

    @Test("user-paying resolves on the second query; unknown is reversed; a succeeded payment is not reversible")
    func providerOutcomes() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let grandparent = try await client.person(DemoResident.zhangJianguo)
            let enrollment = try await client.enrollment(personRef: grandparent.personRef, year: 2021)
            let tier = enrollment.tiers[0]
            let paying = try await client.createPayment(Self.request(grandparent, due: tier.dueFen, tier: tier.id, payCode: "134567890123456791"), idempotencyKey: "key-\(UUID())")
            #expect(paying.status == .userPaying)
            #expect(try await client.payment(id: paying.paymentId).status == .userPaying)
            #expect(try await client.payment(id: paying.paymentId).status == .succeeded)
            await expectKioskError(.backendRejected, problem: "payment.not_reversible") {
                try await client.reversePayment(id: paying.paymentId, idempotencyKey: "rev-\(UUID())")
            }

            let child = try await client.person(DemoResident.zhangXiaoyu)
            let childTier = try await client.enrollment(personRef: child.personRef, year: 2021).tiers[0]
            let unknown = try await client.createPayment(
                Self.request(child, due: childTier.dueFen, tier: childTier.id, payCode: "2812345678901234596", payer: grandparent.personRef), idempotencyKey: "key-\(UUID())")
            #expect(unknown.status == .unknown)
            #expect(unknown.channel == .alipay)
            #expect(try await client.payment(id: unknown.paymentId).status == .unknown)
            await expectKioskError(.backendRejected, problem: "payment.in_progress") {
                try await client.createPayment(Self.request(child, due: childTier.dueFen, tier: childTier.id, payCode: "134567890123456700"), idempotencyKey: "key-\(UUID())")
            }
            let reversed = try await client.reversePayment(id: unknown.paymentId, idempotencyKey: "rev-\(UUID())")
            #expect(reversed.status == .reversed)
            await expectKioskError(.backendRejected, problem: "receipt.not_ready") { try await client.receipt(paymentID: unknown.paymentId) }

            let lists = try await client.payments(personRef: grandparent.personRef)
            #expect(lists.own.map(\.paymentId) == [paying.paymentId])
            #expect(lists.forOthers.map(\.paymentId) == [unknown.paymentId])
        }
    }

    @Test("an on-screen QR stays pending until the phone pays it, then yields a receipt")
    func qrPaid() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let child = try await client.person(DemoResident.zhangXiaoyu)
            let tier = try await client.enrollment(personRef: child.personRef, year: 2021).tiers[0]
            #expect(tier.dueFen == 30_000)
            let qr = try await client.createPayment(Self.request(child, due: tier.dueFen, tier: tier.id, payCode: nil), idempotencyKey: "key-\(UUID())")
            #expect(qr.status == .pending)
            #expect(qr.qrUrl?.hasSuffix(qr.paymentId) == true)
            #expect(try await client.payment(id: qr.paymentId).status == .pending)
            #expect(try sandbox.backend.simulateQRPaid(paymentID: qr.paymentId, channel: .unionpay))
            let paid = try await client.payment(id: qr.paymentId)
            #expect(paid.status == .succeeded)
            #expect(paid.channel == .unionpay)
            #expect(try await client.receipt(paymentID: qr.paymentId).totalFen == 30_000)
        }
    }
}
