import KioskCore
import Testing

@Suite("domain types: ID numbers, money, dates, pay codes")
struct DomainTypeTests {
    @Test("GB 11643 check characters are verified and the number is masked", arguments: [
        ("11010519491231002X", "1101**********002X", "1949-12-31"),
        ("11010519491231002x", "1101**********002X", "1949-12-31"),
        ("320602196005120210", "3206**********0210", "1960-05-12"),
    ])
    func valid(text: String, masked: String, birth: String) throws {
        let number = try IDNumber(text)
        #expect(number.masked == masked)
        #expect("\(number)" == masked)
        #expect(number.birthDate.description == birth)
    }

    @Test("each way an ID number is wrong is said precisely", arguments: [
        ("11010519491231002", "18 characters, not 17"),
        ("1101051949123100AX", "character 17 of the ID number is not a digit"),
        ("110105194912310021", "check character of the ID number is 1, expected X"),
        ("110105194902300020", "not a real date"),
    ])
    func invalid(text: String, message: String) {
        do {
            _ = try IDNumber(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .idNumberInvalid)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(!error.message.contains(text))
        }
    }

    @Test("money is integer fen and prints as yuan")
    func money() {
        #expect(Money.yuan(430).fen == 43_000)
        #expect(Money(fen: 37_505).description == "¥375.05")
        #expect((Money.yuan(280) - Money.yuan(300)).clamped(min: .zero) == .zero)
    }

    @Test("dates: leap days, ages on the birthday, month arithmetic")
    func dates() throws {
        #expect(CalendarDate(iso: "2020-02-29") != nil)
        #expect(CalendarDate(iso: "2021-02-29") == nil)
        #expect(CalendarDate(iso: "2021-2-01") == nil)
        let birth = try #require(CalendarDate(iso: "2002-11-15"))
        #expect(birth.age(on: try #require(CalendarDate(iso: "2020-11-14"))) == 17)
        #expect(birth.age(on: try #require(CalendarDate(iso: "2020-11-15"))) == 18)
        #expect(try #require(CalendarDate(iso: "2021-01-31")).adding(months: 1).description == "2021-02-28")
        #expect(try #require(CalendarDate(iso: "2020-12-31")).adding(days: 1).description == "2021-01-01")
    }

    @Test("pay codes are classified by prefix and length", arguments: [
        ("134567890123456700", PayCode.Channel.wechat), ("2812345678901234596", .alipay), ("6212345678901234567", .unionpay),
    ])
    func payCodes(code: String, channel: PayCode.Channel) throws {
        let payCode = try PayCode(code)
        #expect(payCode.channel == channel)
        #expect(!"\(payCode)".contains(code))
    }
}
