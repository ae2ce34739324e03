import KioskCore
import Testing

@Suite("personal data masking: names, ID numbers, card numbers")
struct PersonalDataMaskingTests {
    @Test("names keep the first and last characters", arguments: [
        ("张三", "张*"), ("张建三", "张*三"), ("欧阳娜娜", "欧**娜"), ("李", "*"), ("", ""),
        ("王𬌗", "王*"), ("阿依古丽·买买提", "阿******提"),
    ])
    func names(name: String, masked: String) {
        #expect(PersonalDataMasking.name(name) == masked)
    }

    @Test("ID numbers keep the first four and last four", arguments: [
        ("320602196005120210", "3206**********0210"), ("32060219600512123X", "3206**********123X"),
        ("123456789", "1234*6789"), ("12345678", "********"), ("123", "***"), ("", ""),
    ])
    func idNumbers(number: String, masked: String) {
        #expect(PersonalDataMasking.idNumber(number) == masked)
    }

    @Test("card numbers keep the last three", arguments: [
        ("A12345678", "******678"), ("J32060000123", "*********123"), ("1234", "*234"), ("123", "***"), ("", ""),
    ])
    func cardNumbers(number: String, masked: String) {
        #expect(PersonalDataMasking.cardNumber(number) == masked)
    }
}
