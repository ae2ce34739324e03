import Foundation
import KioskBackendAPI
import KioskCore
import Testing

@Suite("sandbox backend: recording card payments (method card)")
struct CardPaymentContractTests {
    static func request(_ person: BackendPerson, card: Components.Schemas.CardPayment?, payCode: String? = nil) -> BackendPaymentRequest {
        .init(personRef: person.personRef, payerRef: nil, year: 2021, tier: "basic", amountFen: 43_000,
              method: .card, payCode: payCode, card: card, kioskId: "NT-TEST-0001")
    }

    static let card = Components.Schemas.CardPayment(
        terminalTransactionId: "SIMT0001.8817000000000001", terminalTimestamp: "2020-11-15T10:15:21.009+08:00",
        maskedPan: "****0017", authCode: "654321", acquirerReference: "8817000000000001", brand: "UnionPay"
    )

    @Test("an approved card payment is recorded succeeded at once, with its references; the e-receipt says 银行卡 ****0017; the same key answers the same payment")
    func recorded() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangJianguo)
            let key = "key-\(UUID())"
            let payment = try await client.createPayment(Self.request(person, card: Self.card), idempotencyKey: key)
            #expect(payment.status == .succeeded)
            #expect(payment.method == .card)
            #expect(payment.card == Self.card)
            #expect(payment.receiptAvailable)
            let receipt = try await client.receipt(paymentID: payment.paymentId)
            #expect(receipt.channel == "银行卡 ****0017")
            #expect(receipt.card?.authCode == "654321")
            let again = try await client.createPayment(Self.request(person, card: Self.card), idempotencyKey: key)
            #expect(again.paymentId == payment.paymentId, "recording again under the same key is the same payment")
            #expect(try await client.payments(personRef: person.personRef).own.count == 1)
        }
    }

    @Test("a card payment without its card, with a full card number, or with a pay code is refused: request.invalid")
    func refused() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let person = try await client.person(DemoResident.zhangJianguo)
            var fullNumber = Self.card
            fullNumber.maskedPan = "6222020000000017"
            for request in [Self.request(person, card: nil), Self.request(person, card: fullNumber), Self.request(person, card: Self.card, payCode: "134567890123456700")] {
                await expectKioskError(.backendRejected, problem: "request.invalid") {
                    try await client.createPayment(request, idempotencyKey: "key-\(UUID())")
                }
            }
            #expect(try await client.payments(personRef: person.personRef).own.isEmpty)
        }
    }
}
