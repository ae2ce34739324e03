import Foundation
import KioskCore
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("real Gregorian dates only", arguments: [
        (2020, 2, 29, true), (2021, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false), (2021, 4, 31, false),
        (2021, 12, 31, true), (2021, 13, 1, false), (2021, 0, 1, false), (2021, 1, 0, false), (0, 1, 1, false),
    ])
    func validity(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((CalendarDate(year: year, month: month, day: day) != nil) == valid)
    }

    @Test("strict ISO parsing", arguments: [
        ("2021-03-05", true), ("2020-02-29", true), ("2021-02-29", false), ("2021-3-05", false), ("2021-03-5", false),
        ("21-03-05", false), ("2021/03/05", false), ("2021-03-05 ", false), ("2021-03-05T00:00", false), ("", false),
        ("+021-03-05", false), ("2021-03-0５", false),
    ])
    func iso(text: String, valid: Bool) {
        let date = CalendarDate(iso: text)
        #expect((date != nil) == valid)
        if let date { #expect(date.description == text) }
    }

    @Test("description pads to ISO; Codable as that string")
    func codable() throws {
        let date = try #require(CalendarDate(year: 2021, month: 3, day: 5))
        #expect(date.description == "2021-03-05")
        let json = try JSONEncoder().encode([date])
        #expect(String(data: json, encoding: .utf8) == "[\"2021-03-05\"]")
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2021-02-30\"]".utf8)) }
    }

    @Test("order")
    func order() throws {
        let dates = try ["2021-01-01", "2020-12-31", "2020-02-29"].map { try #require(CalendarDate(iso: $0)) }
        #expect(dates.sorted().map(\.description) == ["2020-02-29", "2020-12-31", "2021-01-01"])
    }

    @Test("full years (周岁): the birthday itself counts", arguments: [
        ("2002-11-15", "2020-11-14", 17), ("2002-11-15", "2020-11-15", 18), ("2002-11-15", "2002-11-15", 0),
        ("1921-12-01", "2021-11-30", 99), ("1921-12-01", "2021-12-01", 100),
        ("2000-02-29", "2021-02-28", 20), ("2000-02-29", "2021-03-01", 21), ("2000-02-29", "2024-02-29", 24),
    ])
    func age(birth: String, on day: String, age: Int) throws {
        let birthDate = try #require(CalendarDate(iso: birth)), date = try #require(CalendarDate(iso: day))
        #expect(birthDate.age(on: date) == age)
    }

    @Test("adding days across months, years and leap days", arguments: [
        ("2020-12-31", 1, "2021-01-01"), ("2020-02-28", 1, "2020-02-29"), ("2021-02-28", 1, "2021-03-01"),
        ("2021-07-18", 90, "2021-10-16"), ("2021-03-01", -1, "2021-02-28"), ("2000-01-01", 366, "2001-01-01"),
    ])
    func addingDays(from: String, days: Int, to: String) throws {
        #expect(try #require(CalendarDate(iso: from)).adding(days: days).description == to)
    }

    @Test("adding months clamps the day to the month's end", arguments: [
        ("2021-01-31", 1, "2021-02-28"), ("2020-01-31", 1, "2020-02-29"), ("2021-11-30", 3, "2022-02-28"),
        ("2021-12-15", 3, "2022-03-15"), ("2021-03-31", -1, "2021-02-28"), ("2021-05-31", 12, "2022-05-31"), ("2021-08-31", 1, "2021-09-30"),
    ])
    func addingMonths(from: String, months: Int, to: String) throws {
        #expect(try #require(CalendarDate(iso: from)).adding(months: months).description == to)
    }

    @Test("today is a real date in Shanghai and elsewhere")
    func today() throws {
        let shanghai = CalendarDate.today()
        let utc = CalendarDate.today(in: try #require(TimeZone(identifier: "UTC")))
        #expect(abs(shanghai.days(until: utc)) <= 1)
        #expect(CalendarDate(iso: shanghai.description) == shanghai)
    }
}
