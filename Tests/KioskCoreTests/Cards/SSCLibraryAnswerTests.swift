import KioskCore
import Testing

/// The standard SSC library's answers as the standard's own example shows them, in GBK.
@Suite("the standard (部标) SSC library's answers")
struct SSCLibraryAnswerTests {
    typealias E = CardTestEncoding
    /// The standard's example of iReadCardBas (fake data), as vendors' documentation quotes it.
    static let example = "639900|111111198101011110|X00000019|639900D15600000500BF7C7A48FB4966|张三|00814E43238697159900BF7C7A|1.00|20101001|20201001|410100813475|终端设备号|"

    @Test("the standard's example: eleven fields, each followed by |")
    func standardExample() throws {
        let basic = try SSCLibraryAnswer.basic(E.gb18030(Self.example) + [0, 0x41])
        #expect(basic.regionCode == "639900" && basic.idNumber == "111111198101011110" && basic.cardNumber == "X00000019")
        #expect(basic.cardIdentifier == "639900D15600000500BF7C7A48FB4966" && basic.name == "张三" && basic.resetHistory == "00814E43238697159900BF7C7A")
        #expect(basic.specVersion == "1.00" && basic.issueDate == "20101001" && basic.expiryDate == "20201001")
        #expect(basic.terminalNumber == "410100813475" && basic.terminalDevice == "终端设备号")
        let holder = try SSCLibraryAnswer.holder(basic)
        #expect(holder.kind == .socialSecurityCard && holder.name == "张三" && holder.idNumber == "111111198101011110")
        #expect(holder.regionCode == "639900" && holder.cardNumber == "X00000019" && holder.specVersion == "1.00")
        #expect(holder.issueDate == CalendarDate(year: 2010, month: 10, day: 1) && holder.expiry == CalendarDate(year: 2020, month: 10, day: 1).map { .on($0) })
        #expect(holder.gender == nil && holder.nation == nil && holder.birthDate == nil)
    }

    @Test("regional libraries' extra fields are ignored; a card number longer than 9 characters keeps its first 9 (the standard says so)")
    func extraFields() throws {
        let text = Self.example.replacingOccurrences(of: "X00000019", with: "X0000001900") + "PSAM卡芯片号|医疗证号|"
        let holder = try SSCLibraryAnswer.holder(try SSCLibraryAnswer.basic(E.gb18030(text)))
        #expect(holder.cardNumber == "X00000019")
    }

    @Test("a name whose GBK trail byte is 0x7C (|) is decoded before it is split")
    func pipeTrailByte() throws {
        // 亅 is 81 7C in GBK.
        let bytes = E.gb18030("639900|111111198101011110|X00000019|639900D156|") + [0x81, 0x7C] + E.gb18030("|00|2.00|20101001|20201001|0|0|")
        #expect(try SSCLibraryAnswer.basic(bytes).name == "亅")
    }

    @Test("iReadCard's answer follows its address; gender, nation and birth date decode as over PC/SC")
    func holderRecords() throws {
        let answer = E.gb18030("SSSEEF05|3|$SSSEEF06|2|01|19810101|$")
        let records = try SSCLibraryAnswer.records(answer, address: SSCLibraryAnswer.holderRecordsAddress)
        #expect(records == ["SSSEEF05": ["02": "3"], "SSSEEF06": ["0A": "2", "0B": "01", "0D": "19810101"]])
        let holder = try SSCLibraryAnswer.holder(try SSCLibraryAnswer.basic(E.gb18030(Self.example)), records: records)
        #expect(holder.gender == .female && holder.nation == "汉" && holder.birthDate == CalendarDate(year: 1981, month: 1, day: 1) && holder.cardType == "3")
    }

    @Test("broken answers are refused, each saying what is wrong", arguments: [
        ("639900|111111198101011110|X00000019|", "iReadCardBas answered 3 field(s), 11 expected"),
        (example.replacingOccurrences(of: "20201001", with: "2020-10-"), "卡有效期 \"2020-10-\" is not a date YYYYMMDD"),
        (example.replacingOccurrences(of: "20101001", with: "20101301"), "发卡日期 \"20101301\" is not a date YYYYMMDD"),
        (example.replacingOccurrences(of: "|张三|", with: "||"), "answered no name"),
    ])
    func broken(text: String, problem: String) {
        do {
            _ = try SSCLibraryAnswer.holder(try SSCLibraryAnswer.basic(E.gb18030(text)))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .cardUnreadable && error.message.contains(problem), "\(error.message)")
        }
    }

    @Test("an iReadCard answer that does not follow the address is refused")
    func recordsMismatch() {
        #expect(throws: KioskError.self) { try SSCLibraryAnswer.records(E.gb18030("SSSEEF05|3|$"), address: SSCLibraryAnswer.holderRecordsAddress) }
        #expect(throws: KioskError.self) { try SSCLibraryAnswer.records(E.gb18030("SSSEEF06|3|$SSSEEF05|2|01|1|$"), address: SSCLibraryAnswer.holderRecordsAddress) }
    }
}
