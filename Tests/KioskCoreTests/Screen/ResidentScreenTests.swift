import Foundation
import KioskCore
import Testing

@Suite("the touch screen's view of each session state")
struct ResidentScreenTests {
    static let entered = Date(timeIntervalSince1970: 1_700_000_000)

    static func screen(_ machine: SessionStateMachine, seq: Int = 1) -> ResidentScreen {
        let context = ResidentScreen.Context(seq: seq, demo: false, enteredAt: entered, settings: Sample.settings) { "<svg data-payload=\"\($0.count)\"/>" }
        return ResidentScreen(state: machine.state, actions: ResidentAction.offered(by: machine), context: context)
    }

    static func json(_ screen: ResidentScreen) throws -> String {
        String(decoding: try JSONEncoder().encode(screen), as: UTF8.self)
    }

    @Test("every state has a screen named after it, a spoken prompt, and no unmasked ID number or full name",
          arguments: SessionState.Kind.allCases)
    func everyState(kind: SessionState.Kind) throws {
        let screen = Self.screen(StateCatalog.machine(in: kind))
        #expect(screen.screen == kind.rawValue)
        #expect(!screen.prompt.isEmpty || kind == .stopped, "\(kind) has no prompt")
        let text = try Self.json(screen)
        for secret in ["320602196005120210", "320602199901010339", "张建国", "ref_payer_0001", "ref_child_0001", Sample.key] {
            #expect(!text.contains(secret), "\(kind) screen holds \(secret)")
        }
        if !StateCatalog.machine(in: kind).state.holdsPersonalData {
            #expect(screen.person == nil && screen.payer == nil && screen.enrollment == nil && screen.amount == nil, "\(kind)")
        }
    }

    @Test("the buttons offered are exactly the touches the state machine accepts", arguments: SessionState.Kind.allCases)
    func offeredMatchesMachine(kind: SessionState.Kind) throws {
        let machine = StateCatalog.machine(in: kind)
        let offered = Set(ResidentAction.offered(by: machine))
        #expect(!offered.contains(.touch))
        for name in ResidentAction.Name.allCases where name != .touch {
            let probes = Self.probes(name, machine.state)
            let accepted = try probes.contains { machine.accepts(try $0.event(in: machine.state)) }
            #expect(offered.contains(name) == accepted, "\(kind): \(name) offered \(offered.contains(name)), accepted \(accepted)")
        }
    }

    /// Every parameter value the screen could send, not only the sample the offer is computed from.
    static func probes(_ name: ResidentAction.Name, _ state: SessionState) -> [ResidentAction] {
        switch name {
        case .chooseTier: (0..<4).map { ResidentAction(name, tier: $0) }.filter { (try? $0.event(in: state)) != nil && !selected($0, state) }
        case .chooseRelative, .reprint: (0..<4).map { ResidentAction(name, index: $0) }.filter { (try? $0.event(in: state)) != nil }
        case .chooseMethod: ["paycode", "qr"].map { ResidentAction(name, method: $0) }
        case .submitIdentity: [ResidentAction(name, name: "刘洋", idNumber: Sample.validIDNumber)]
        default: [ResidentAction(name)]
        }
    }

    static func selected(_ action: ResidentAction, _ state: SessionState) -> Bool {
        guard case .showingEnrollment(let context) = state, let tier = action.tier else { return false }
        return context.enrollment.tiers[tier].id == context.tierID
    }

    @Test("the main screens offer what a resident expects")
    func mainScreens() {
        func offered(_ kind: SessionState.Kind) -> [String] { Self.screen(StateCatalog.machine(in: kind)).actions }
        #expect(offered(.attract) == ["chooseManualEntry"])
        #expect(offered(.showingEnrollment) == ["chooseTier", "confirmPayment", "payForOther", "history", "cancel"])
        #expect(offered(.choosingMethod).contains("chooseMethod") && offered(.choosingMethod).contains("back"))
        #expect(offered(.stillThere) == ["continue", "cancel"] || offered(.stillThere) == ["cancel", "continue"])
        #expect(offered(.outOfService) == [])
        #expect(offered(.maintenance) == [])
        #expect(offered(.submitting) == [])
    }

    @Test("enrollment: masked people, tiers by index with the chosen one marked, amounts in yuan text, fen and capitals, window dates in Chinese")
    func enrollment() throws {
        let screen = Self.screen(StateCatalog.machine(in: .showingEnrollment))
        #expect(screen.person?.name == "张*国" && screen.person?.idNumber == "3206**********0210")
        let enrollment = try #require(screen.enrollment)
        #expect(enrollment.tiers.map(\.index) == [0, 1])
        #expect(enrollment.tiers.map(\.due) == ["430.00", "655.00"])
        #expect(enrollment.selectedTier == 0)
        #expect([enrollment.window.phase, enrollment.window.label, enrollment.window.opens, enrollment.window.closes]
            == ["centralized", "集中缴费期", "2020年11月1日", "2020年12月20日"])
        #expect(screen.amount?.fen == 43_000 && screen.amount?.text == "430.00" && screen.amount?.capitals == "肆佰叁拾元整")
        #expect(screen.countdown == nil)
    }

    @Test("countdowns run from when the state began, with the configured length")
    func countdowns() throws {
        let payCode = try #require(Self.screen(StateCatalog.machine(in: .awaitingPayCode)).countdown)
        #expect(payCode.timer == "payCode" && payCode.seconds == 90)
        #expect(payCode.deadline == 1_700_000_000_000 + 90_000)
        let still = try #require(Self.screen(StateCatalog.machine(in: .stillThere)).countdown)
        #expect(still.timer == "countdown" && still.seconds == 15)
        #expect(Self.screen(StateCatalog.machine(in: .stillThere)).resume != nil)
    }

    @Test("errors are plain Chinese with their code; busy screens say what is happening")
    func texts() {
        let failed = Self.screen(StateCatalog.machine(in: .failed))
        #expect(failed.notice?.tone == .error)
        #expect(failed.notice?.text.contains("未查询到您的参保登记信息") == true)
        #expect(failed.notice?.text.contains("identity.not_found") == true)
        #expect(Self.screen(StateCatalog.machine(in: .lookingUpEnrollment)).busy == "正在查询参保缴费信息，请稍候")
        #expect(Self.screen(StateCatalog.machine(in: .attract)).busy == nil)
    }
}
