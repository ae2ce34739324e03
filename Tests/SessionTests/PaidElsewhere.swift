import Foundation
import KioskBackendAPI
import KioskCore
import KioskSimulators
import KioskTesting

/// The resident's contribution is paid elsewhere (a relative's phone, another kiosk) while the
/// resident stands at this kiosk's PIN pad: the backend then refuses to record the card payment
/// (`enrollment.already_paid`), and the kiosk must give the charge back at the terminal. The only way
/// the sandbox refuses a card the terminal approved, so the way the card's reversal paths are driven.
enum PaidElsewhere {
    /// A WeChat pay code the sandbox charges at once.
    static let payCode = "134567890123456700"

    /// The cardholder waits until the pad asks for a card; meanwhile the same contribution is paid by
    /// pay code through `backend`; then `card` is inserted and its PIN typed. Returns once the PIN is
    /// typed; throws `CancellationError` when cancelled before the pad asked (it never did).
    static func cardholder(at pad: SimulatedPaymentTerminal, card: SimulatedBankCard = .unionPayDebit, idNumber: String, name: String,
                           year: Int, backend: HTTPSBackendClient) async throws {
        for await screen in await pad.screens() {
            if case .presentCard = screen { break }
        }
        try Task.checkCancellation()
        try await pay(idNumber: idNumber, name: name, year: year, backend: backend)
        await pad.present(card)
        await pad.enterPIN(card.pin)
    }

    /// The contribution paid by pay code, as another kiosk would pay it.
    static func pay(idNumber: String, name: String, year: Int, backend: HTTPSBackendClient) async throws {
        let person = try await backend.resolveIdentity(.typed(.init(method: "typed", idNumber: idNumber, name: name)))
        let enrollment = try await backend.enrollment(personRef: person.personRef, year: year)
        guard let tier = enrollment.tiers.first(where: { $0.id == enrollment.defaultTier }) else {
            throw TestFixtureError("no default tier for \(year): \(enrollment.tiers.map(\.id))")
        }
        let request = BackendPaymentRequest(personRef: person.personRef, year: year, tier: tier.id, amountFen: tier.dueFen,
                                            method: .paycode, payCode: payCode, kioskId: "NT-ELSEWHERE-01")
        let payment = try await backend.createPayment(request, idempotencyKey: "elsewhere-" + UUID().uuidString.lowercased())
        guard payment.status == .succeeded else { throw TestFixtureError("the payment elsewhere is \(payment.status), not succeeded") }
    }
}
