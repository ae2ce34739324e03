import KioskBackendAPI
import KioskCore
import Testing

@Suite("sandbox backend over HTTPS with mutual TLS: identity")
struct IdentityTests {
    @Test("typed name and ID number resolve to a masked person with the family they pay for")
    func typed() async throws {
        try await withSandbox { sandbox in
            let person = try await sandbox.client.person(DemoResident.zhangJianguo)
            #expect(person.maskedName == "张*国")
            #expect(person.maskedIdNumber == "3206**********0210")
            #expect(person.region == "320600")
            #expect(person.personRef.hasPrefix("psn_") && !person.personRef.contains("320602"))
            #expect(person.paysFor.map(\.maskedName) == ["张*雨"])
            #expect(person.paysFor.first?.relation == "孙子女")
        }
    }

    @Test("an ID card, a social security card and an e-SSC token resolve to the same person")
    func otherMethods() async throws {
        try await withSandbox { sandbox in
            let typed = try await sandbox.client.person(DemoResident.zhangJianguo)
            let card = try await sandbox.client.resolveIdentity(.idCard(.init(method: "id_card", idNumber: DemoResident.zhangJianguo.id, name: "张建国")))
            let ssc = try await sandbox.client.resolveIdentity(.ssc(.init(method: "ssc", cardNumber: "J32060012", idNumber: DemoResident.zhangJianguo.id, name: "张建国")))
            let essc = try await sandbox.client.resolveIdentity(.essc(.init(method: "essc", token: "essc-demo-zhang-jianguo")))
            #expect([card.personRef, ssc.personRef, essc.personRef] == Array(repeating: typed.personRef, count: 3))
        }
    }

    @Test("wrong name, unknown person, bad check digit, foreign SSC and stale token are told apart")
    func refusals() async throws {
        try await withSandbox { sandbox in
            let client = sandbox.client
            let mismatch = await expectKioskError(.backendRejected, problem: "identity.mismatch") {
                try await client.person((id: DemoResident.zhangJianguo.id, name: "张建"))
            }
            #expect(mismatch?.backendProblem?.messageZh == "姓名与身份证号码不一致，请核对后重新输入")
            await expectKioskError(.backendRejected, problem: "identity.not_found") {
                try await client.person((id: "11010519491231002X", name: "某人"))
            }
            let badDigit = await expectKioskError(.backendRejected, problem: "request.invalid") {
                try await client.person((id: "110105194912310021", name: "某人"))
            }
            #expect(badDigit?.backendProblem?.status == 400)
            await expectKioskError(.backendRejected, problem: "identity.mismatch") {
                try await client.resolveIdentity(.ssc(.init(method: "ssc", cardNumber: "J99999999999", idNumber: DemoResident.zhangJianguo.id, name: "张建国")))
            }
            await expectKioskError(.backendRejected, problem: "identity.token_invalid") {
                try await client.resolveIdentity(.essc(.init(method: "essc", token: "essc-not-issued")))
            }
        }
    }
}
