import KioskCore
import Testing

@Suite("domain types: money, dates, pay codes")
struct DomainTypeTests {
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
