import KioskCore
import Testing

@Suite("touches from the page become session events")
struct ResidentActionTests {
    @Test("indexes pick from the lists of the screen on show")
    func indexes() throws {
        let enrollment = StateCatalog.machine(in: .showingEnrollment).state
        #expect(try ResidentAction(.chooseTier, tier: 1).event(in: enrollment) == .tierChosen("tier2"))
        let beneficiary = StateCatalog.machine(in: .choosingBeneficiary).state
        #expect(try ResidentAction(.chooseRelative, index: 0).event(in: beneficiary) == .relativeChosen(personRef: "ref_child_0001"))
    }

    @Test("what is missing or out of range is named")
    func refusals() {
        let enrollment = StateCatalog.machine(in: .showingEnrollment).state
        #expect(throws: ResidentActionError.self) { try ResidentAction(.chooseTier).event(in: enrollment) }
        do {
            _ = try ResidentAction(.chooseTier, tier: 5).event(in: enrollment)
            Issue.record("tier 5 accepted")
        } catch {
            #expect(error.description == "chooseTier: tier 5 is not on this screen (0..<2)")
        }
        #expect(throws: ResidentActionError.self) { try ResidentAction(.reprint, index: 0).event(in: enrollment) }
        #expect(throws: ResidentActionError.self) { try ResidentAction(.chooseMethod, method: "cash").event(in: enrollment) }
        #expect(throws: ResidentActionError.self) { try ResidentAction(.submitIdentity, name: "刘洋").event(in: enrollment) }
        #expect(throws: ResidentActionError.self) {
            try ResidentAction(.submitIdentity, name: String(repeating: "张", count: 41), idNumber: "1").event(in: enrollment)
        }
    }

    @Test("a typed identity is trimmed and a lower-case x becomes X; the machine judges the number")
    func typedIdentity() throws {
        let typing = StateCatalog.machine(in: .typingIdentity).state
        #expect(try ResidentAction(.submitIdentity, name: " 刘洋 ", idNumber: "11010519491231002x").event(in: typing)
            == .identityTyped(name: "刘洋", idNumber: "11010519491231002X"))
        #expect(try ResidentAction(.touch).event(in: typing) == .residentActive)
    }

    @Test("a touch restarts only the idle timer: the pay code's deadline does not move")
    func touchRestartsIdle() {
        var typing = StateCatalog.machine(in: .typingIdentity)
        let before = typing.runningTimers[.idle]
        let actions = typing.handle(.residentActive)
        #expect(actions.count == 1)
        #expect(typing.runningTimers[.idle] != before)
        var paying = StateCatalog.machine(in: .awaitingPayCode)
        #expect(paying.handle(.residentActive).isEmpty)
    }
}
