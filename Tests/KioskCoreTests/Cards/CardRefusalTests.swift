import KioskCore
import Testing

@Suite("card refusal: expired cards and ID numbers that fail the check")
struct CardRefusalTests {
    static let today = CalendarDate.literal("2025-06-15")

    func holder(idNumber: String = "320602196005120210", expiry: CardExpiry?) -> CardHolder {
        CardHolder(kind: .socialSecurityCard, name: "张三", idNumber: idNumber, cardNumber: "A12345678", expiry: expiry)
    }

    @Test("valid until today, long-term, no expiry at all: accepted")
    func accepted() {
        #expect(holder(expiry: CalendarDate(year: 2025, month: 6, day: 15).map(CardExpiry.on)).refusal(today: Self.today) == nil)
        #expect(holder(expiry: .longTerm).refusal(today: Self.today) == nil)
        #expect(holder(expiry: nil).refusal(today: Self.today) == nil)
        #expect(holder(idNumber: "11010519491231002x", expiry: nil).refusal(today: Self.today) == nil)
    }

    @Test("expired yesterday: refused with the month, not the holder")
    func expired() {
        let refusal = holder(expiry: CalendarDate(year: 2025, month: 6, day: 14).map(CardExpiry.on)).refusal(today: Self.today)
        #expect(refusal?.code == .cardExpired)
        #expect(refusal?.message == "the ssc card expired in 2025-06")
    }

    @Test("a wrong check character or a malformed number: refused without the number", arguments: [
        ("320602196005120211", "the check character of the ID number is 1, expected 0"),
        ("32060219600512021", "an ID number has 18 characters, not 17"),
        ("", "an ID number has 18 characters, not 0"),
    ])
    func invalidNumber(idNumber: String, reason: String) {
        let refusal = holder(idNumber: idNumber, expiry: .longTerm).refusal(today: Self.today)
        #expect(refusal?.code == .cardIDNumberInvalid)
        #expect(refusal?.message == "the ID number on the ssc card is not valid: \(reason)")
        if !idNumber.isEmpty { #expect(refusal?.message.contains(idNumber.prefix(14)) == false) }
    }

    @Test("an invalid number is reported before the expiry")
    func bothWrong() {
        let refusal = holder(idNumber: "320602196005120211", expiry: CalendarDate(year: 2001, month: 1, day: 1).map(CardExpiry.on)).refusal(today: Self.today)
        #expect(refusal?.code == .cardIDNumberInvalid)
    }
}
