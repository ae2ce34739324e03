import KioskCore
import Testing

@Suite("resident messages for card codes")
struct CardResidentMessageTests {
    @Test("each card code has its own plain Chinese, with a way forward", arguments: [
        KioskError.Code.cardExpired, .cardIDNumberInvalid, .cardNotSupported, .cardLocked, .cardNotResponding,
        .cardReaderSAMFailed, .cardReaderMissing,
    ])
    func hasText(code: KioskError.Code) {
        let text = ResidentMessage.text(for: code)
        #expect(text != ResidentMessage.generic)
        #expect(text.contains("请"))
    }

    @Test("the texts the brief names")
    func named() {
        #expect(ResidentMessage.text(for: .cardLocked).hasPrefix("社保卡已锁定，请到社保经办窗口解锁"))
        #expect(ResidentMessage.text(for: .cardNotSupported).contains("请插入社会保障卡或将身份证放在感应区"))
        #expect(ResidentMessage.text(for: .cardExpired).hasPrefix("卡片已过期"))
    }
}
