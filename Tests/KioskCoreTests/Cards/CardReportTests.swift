import Foundation
import KioskCore
import Testing

@Suite("card report: what kioskctl cards read --json prints")
struct CardReportTests {
    static let today = CalendarDate.literal("2025-06-15")

    @Test("masked fields and exactly the contract's keys")
    func keys() throws {
        let holder = CardHolder(
            kind: .socialSecurityCard, name: "欧阳娜娜", idNumber: "50011919820214066X", gender: .female,
            birthDate: CalendarDate(year: 1982, month: 2, day: 14), nation: "汉", regionCode: "320600", specVersion: "3.00",
            cardType: "3", cardNumber: "A12345678", issueDate: CalendarDate(year: 2020, month: 3, day: 15),
            expiry: CalendarDate(year: 2030, month: 3, day: 15).map(CardExpiry.on)
        )
        let report = CardReport(holder: holder, reader: "ACS ACR39U 00 00", today: Self.today)
        #expect(report.name == "欧**娜")
        #expect(report.idNumber == "5001**********066X")
        #expect(report.cardNumber == "******678")
        #expect(report.idNumberValid)
        #expect(report.problem == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "reader", "kind", "name", "idNumber", "idNumberValid", "gender", "birthDateRead", "nation", "regionCode", "specVersion",
            "cardNumber", "issueDate", "expiryDate",
        ])
        #expect(object["kind"] as? String == "ssc")
        #expect(object["gender"] as? String == "female")
        // Region and birth date are parts of the ID number: beside its mask they would rebuild it.
        #expect(object["birthDateRead"] as? Bool == true)
        #expect(object["regionCode"] as? String == "3206**")
        #expect(object["expiryDate"] as? String == "2030-03-15")
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("欧阳娜娜") && !text.contains("50011919820214066X") && !text.contains("A12345678"))
        #expect(!text.contains("1982") && !text.contains("0214") && !text.contains("320600"))
        #expect(try JSONDecoder().decode(CardReport.self, from: data) == report)
    }

    @Test("an ID card with a bad number and long-term validity shows the problem")
    func problem() throws {
        let holder = CardHolder(kind: .idCard, name: "李明", idNumber: "320602196005120211", expiry: .longTerm)
        let report = CardReport(holder: holder, reader: "Virtual PCD 00 01", today: Self.today)
        #expect(report.kind == "idcard")
        #expect(report.expiryDate == "long-term")
        #expect(!report.idNumberValid)
        #expect(report.problem == CardReport.Problem(code: "card.id_number_invalid", message: "the ID number on the idcard card is not valid: the check character of the ID number is 1, expected 0"))
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let problem = try #require(object["problem"] as? [String: Any])
        #expect(Set(problem.keys) == ["code", "message"])
    }

    @Test("a holder's description stays masked")
    func description() {
        let holder = CardHolder(kind: .idCard, name: "李明", idNumber: "320602196005120210")
        #expect("\(holder)" == "idcard card of 3206**********0210")
    }
}
