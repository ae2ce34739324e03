import KioskCore
import Testing

@Suite("pay-code replay guard: one use within the validity")
struct PayCodeReplayGuardTests {
    let wechat = (try? PayCode(ScanSample.wechat))
    let alipay = (try? PayCode(ScanSample.alipay))

    /// What the guard answers to each (code, seconds after start), in order.
    func answers(_ replay: inout PayCodeReplayGuard, _ scans: [(PayCode, Duration)]) -> [Bool] {
        scans.map { replay.admit($0.0, at: $0.1) }
    }

    @Test("the same code within its validity is refused; another code is not")
    func withinValidity() throws {
        let code = try #require(wechat)
        let other = try #require(alipay)
        var replay = PayCodeReplayGuard()
        let scans: [(PayCode, Duration)] = [(code, .zero), (code, .seconds(1)), (other, .seconds(2)), (code, .seconds(119)), (other, .seconds(121))]
        #expect(answers(&replay, scans) == [true, false, true, false, false])
    }

    @Test("after its validity the code is forgotten and admitted again")
    func afterValidity() throws {
        let code = try #require(wechat)
        var replay = PayCodeReplayGuard(validity: .seconds(60))
        #expect(answers(&replay, [(code, .zero), (code, .seconds(59)), (code, .seconds(60)), (code, .seconds(61))]) == [true, false, true, false])
        #expect(replay.rememberedCount == 1)
    }

    @Test("memory stays bounded: old entries are forgotten, and at most 1024 are kept")
    func bounded() throws {
        var replay = PayCodeReplayGuard()
        let codes = try (0..<1500).map { index in try PayCode("13" + String(1_000_000_000_000_000 + index).suffix(16)) }
        let admitted = answers(&replay, codes.enumerated().map { ($0.element, .milliseconds($0.offset)) })
        #expect(admitted.allSatisfy { $0 })
        #expect(replay.rememberedCount == 1024)
        #expect(answers(&replay, [(try #require(wechat), .seconds(200))]) == [true])
        #expect(replay.rememberedCount == 1)
    }

    @Test("the guard does not hold the digits")
    func noDigitsKept() throws {
        var replay = PayCodeReplayGuard()
        _ = answers(&replay, [(try #require(wechat), .zero)])
        var dumped = ""
        dump(replay, to: &dumped)
        #expect(!dumped.contains(ScanSample.wechat))
        #expect(!dumped.contains(ScanSample.wechat.suffix(12)))
    }
}
