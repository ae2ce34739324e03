import KioskCore
import Testing

@Suite("IDNumber (GB 11643-1999)")
struct IDNumberTests {
    /// Check characters computed with ISO 7064 MOD 11-2; the first is the standard's own example.
    @Test("valid numbers: region, birth date, sex, normalised value", arguments: [
        ("11010519491231002X", "110105", "1949-12-31", true),
        ("320602196005120210", "320602", "1960-05-12", false),
        ("320684198806060776", "320684", "1988-06-06", false),
        ("50011919820214066X", "500119", "1982-02-14", true),
        ("620725197503090881", "620725", "1975-03-09", true),
        ("320606200002290040", "320606", "2000-02-29", true),
        ("320606200002290032", "320606", "2000-02-29", false),
    ])
    func valid(text: String, region: String, birth: String, female: Bool) throws {
        let number = try IDNumber(text)
        #expect(number.value == text)
        #expect(number.regionCode == region)
        #expect(number.birthDate.description == birth)
        #expect(number.isFemale == female)
    }

    @Test("a lower-case x is accepted and normalised")
    func lowercaseX() throws {
        let number = try IDNumber("11010519491231002x")
        #expect(number.value == "11010519491231002X")
        #expect(number == (try IDNumber("11010519491231002X")))
    }

    @Test("masked: first 4, ten stars, last 4; description is the masked form")
    func masking() throws {
        let number = try IDNumber("320602196005120210")
        #expect(number.masked == "3206**********0210")
        #expect(number.description == number.masked)
        #expect("\(number)" == "3206**********0210")
        #expect(String(describing: [number]).contains("3206**********0210"))
        #expect(!"\(number)".contains("19600512"))
    }

    @Test("each way a number is wrong is said precisely, without the number", arguments: [
        ("11010519491231002", "an ID number has 18 characters, not 17"),
        ("11010519491231002X1", "an ID number has 18 characters, not 19"),
        ("", "an ID number has 18 characters, not 0"),
        ("1101051949123100AX", "character 17 of the ID number is not a digit"),
        ("A1010519491231002X", "character 1 of the ID number is not a digit"),
        ("11010519491231００2X", "character 15 of the ID number is not a digit"),
        ("11010519491231002Y", "character 18 of the ID number (the check character) is not a digit or X"),
        ("110105194912310021", "the check character of the ID number is 1, expected X"),
        ("320602196005120211", "the check character of the ID number is 1, expected 0"),
        ("11010519490230002X", "is not a real date: that month has no such day"),
        ("11010519491331002X", "is not a real date: the month is not 01–12"),
        ("11010518991231002X", "is not a real date: the year is before 1900"),
        ("32060620010229004X", "is not a real date: that month has no such day"),
    ])
    func invalid(text: String, message: String) {
        do {
            _ = try IDNumber(text)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .idNumberInvalid)
            #expect(error.message.contains(message), "\(error.message)")
            if text.count >= 17 { #expect(!error.message.contains(text.prefix(14)), "echoes the number") }
        }
    }
}
