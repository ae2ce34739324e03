import KioskCore
import Testing

/// 南川 低保: aid of 280 yuan covers 一档 (280) in full and leaves 375 of 二档 (655) to pay. The
/// enrollment is payable, its default tier costs the resident nothing.
@Suite("session state machine: a tier aid covers in full is registered, not paid")
struct SessionAidedTierTests {
    static let aided = Tier(id: "tier1", label: "一档", amount: .yuan(280), relief: .yuan(280), due: .zero)
    static let topUp = Tier(id: "tier2", label: "二档", amount: .yuan(655), relief: .yuan(280), due: .yuan(375))

    static func loaded() -> SessionStateMachine {
        var machine = SessionStateMachine(settings: Sample.settings)
        for event in StateCatalog.path(to: .lookingUpEnrollment) { _ = machine.handle(event) }
        _ = machine.handle(.enrollmentLoaded(Sample.enrollment(tiers: [aided, topUp], defaultTier: "tier1")))
        return machine
    }

    @Test("the enrollment is shown; its free default tier offers registration and no payment")
    func offersRegistration() {
        var machine = Self.loaded()
        #expect(machine.state.kind == .showingEnrollment)
        let offered = ResidentAction.offered(by: machine)
        #expect(offered.contains(.confirmRegistration) && !offered.contains(.confirmPayment), "\(offered)")
        #expect(machine.handle(.paymentConfirmed).isEmpty, "nothing to pay: a payment is not started")
        #expect(machine.state.kind == .showingEnrollment)
    }

    @Test("registering prints the 参保登记凭证 naming the tier, with no backend call")
    func registers() {
        var machine = Self.loaded()
        let actions = machine.handle(.registrationConfirmed)
        guard case .printing(let job) = machine.state, case .registrationSlip(let slip) = job.document else {
            Issue.record("expected the slip to print, state \(machine.state.kind)")
            return
        }
        #expect(slip.tierLabel == "一档")
        #expect(actions.contains(.printDocument(job.document)))
        #expect(!actions.contains { if case .submitPayment = $0 { true } else { false } })
    }

    @Test("choosing the tier with something to pay offers payment of its due instead")
    func topUpTier() {
        var machine = Self.loaded()
        _ = machine.handle(.tierChosen("tier2"))
        let offered = ResidentAction.offered(by: machine)
        #expect(offered.contains(.confirmPayment) && !offered.contains(.confirmRegistration), "\(offered)")
        #expect(machine.handle(.registrationConfirmed).isEmpty)
        _ = machine.handle(.paymentConfirmed)
        #expect(machine.state.kind == .choosingMethod)
    }

    @Test("payable with every tier free is still an answer the kiosk refuses")
    func allFree() {
        var machine = SessionStateMachine(settings: Sample.settings)
        for event in StateCatalog.path(to: .lookingUpEnrollment) { _ = machine.handle(event) }
        _ = machine.handle(.enrollmentLoaded(Sample.enrollment(tiers: [Self.aided], defaultTier: "tier1")))
        #expect(machine.state == .failed(SessionProblem(.sessionAmountInvalid)))
    }
}
