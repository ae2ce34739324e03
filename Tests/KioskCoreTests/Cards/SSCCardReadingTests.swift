import KioskCore
import Testing

@Suite("SSC reading: EF05 and EF06 of 1st, 2nd and 3rd generation cards")
struct SSCCardReadingTests {
    typealias E = CardTestEncoding

    @Test("every generation, both addressing modes, every response style", arguments: [1, 2, 3], [SSCReadProfile.Addressing.tag, .record])
    func generations(generation: Int, addressing: SSCReadProfile.Addressing) async throws {
        for style in TestSSCCard.Style.allCases {
            var card = TestSSCCard.make(generation: generation, name: "王秀英")
            card.style = style
            let (holder, _, _) = try await readSSC(card, profile: SSCReadProfile(addressing: addressing))
            #expect(holder.kind == .socialSecurityCard)
            #expect(holder.name == "王秀英")
            #expect(holder.idNumber == "50011919820214066X")
            #expect(holder.gender == .female)
            #expect(holder.nation == "汉")
            #expect(holder.birthDate == CalendarDate(year: 1982, month: 2, day: 14))
            #expect(holder.regionCode == "320600")
            #expect(holder.specVersion == "\(generation).00")
            #expect(holder.cardType == "3")
            #expect(holder.cardNumber == "A12345678")
            #expect(holder.issueDate == CalendarDate(year: 2020, month: 3, day: 15))
            #expect(holder.expiry == CalendarDate(year: 2030, month: 3, day: 15).map(CardExpiry.on))
            #expect(holder.address == nil && holder.photo == nil && holder.residencePermit == nil)
            #expect(holder.claim == .socialSecurityCard(cardNumber: "A12345678", idNumber: "50011919820214066X", name: "王秀英"))
        }
    }

    @Test("tag addressing sends exactly the commands of the wire format")
    func tagCommands() async throws {
        let (_, log, count) = try await readSSC(.make(generation: 2, name: "张三"))
        let expected: [[UInt8]] = [[0x00, 0xA4, 0x04, 0x00, 0x0F] + TestSSCCard.dfName, [0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, 0x05]]
            + [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07].map { [0x00, 0xB2, $0, 0x00, 0x00] }
            + [[0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, 0x06]]
            + [0x08, 0x09, 0x4E, 0x0A, 0x0B, 0x0C, 0x0D].map { [0x00, 0xB2, $0, 0x00, 0x00] }
        #expect(log == expected)
        #expect(count == 17)
    }

    @Test("record addressing: no EF select, P2 2C / 34; gender is EF06 record 3 on 1.00 cards, 4 on 2.00")
    func recordCommands() async throws {
        let (gen1, log1, _) = try await readSSC(.make(generation: 1, name: "张三", gender: "1"), profile: .byRecord)
        #expect(gen1.gender == .male)
        #expect(log1.count == 1 + 7 + 6)
        #expect(log1.dropFirst().prefix(7) == ArraySlice((1...7).map { [0x00, 0xB2, UInt8($0), 0x2C, 0x00] }))
        #expect(log1.suffix(6) == ArraySlice((1...6).map { [0x00, 0xB2, UInt8($0), 0x34, 0x00] }))

        var card = TestSSCCard.make(generation: 2, name: "张三", gender: "1")
        card.overrides[[0x00, 0xB2, 0x03, 0x34]] = [0x0A, 0x01, 0x31, 0x90, 0x00]
        // A 2.00 card's record 3 is 姓名扩展: the gender answered there is a mismatch.
        let error = await sscError(card, profile: .byRecord)
        #expect(error?.code == .cardUnreadable)
        #expect(error?.message == "EF06 tag 4E (name extension) was expected, but record 3 has tag 0A")
        let (gen2, log2, _) = try await readSSC(.make(generation: 2, name: "张三", gender: "1"), profile: .byRecord)
        #expect(gen2.gender == .male)
        #expect(log2.count == 1 + 7 + 7)
    }

    @Test("6Cxx and 61xx cards cost the extra commands the exchange sends")
    func styleCounts() async throws {
        var card = TestSSCCard.make(generation: 2, name: "张三")
        card.style = .wrongLength
        #expect(try await readSSC(card).count == 17 + 14)
        card.style = .getResponse
        #expect(try await readSSC(card).count == 17 + 15)
    }

    @Test("names: rare 4-byte characters, four characters, padding 00 / 20 / FF", arguments: [
        "王𬌗", "𠮷田", "李𪚥明", "欧阳娜娜", "阿依古丽·买买提", "张三",
    ])
    func names(name: String) async throws {
        for padding: UInt8 in [0x00, 0x20, 0xFF] {
            let (holder, _, _) = try await readSSC(.make(generation: 3, name: name, namePadding: padding))
            #expect(holder.name == name)
        }
        let (gen1, _, _) = try await readSSC(.make(generation: 1, name: name))
        #expect(gen1.name == name)
    }

    @Test("𬌗 is four bytes of GB18030 (99 31 D2 39) and decodes from them")
    func rareCharacterBytes() async throws {
        #expect(E.gb18030("𬌗") == [0x99, 0x31, 0xD2, 0x39])
        var card = TestSSCCard.make(generation: 2, name: "X")
        card.set(0x09, E.padded(E.gb18030("王") + [0x99, 0x31, 0xD2, 0x39], to: 30))
        #expect(try await readSSC(card).holder.name == "王𬌗")
    }

    @Test("a name longer than 15 characters continues in 4E")
    func longName() async throws {
        let name = "阿卜杜热合曼·买买提艾力·阿不都热依木"
        #expect(name.count > 15)
        let card = TestSSCCard.make(generation: 2, name: name)
        #expect(card.ef06.first { $0.tag == 0x4E }?.value?.allSatisfy { $0 == 0 } == false)
        #expect(try await readSSC(card).holder.name == name)
        #expect(try await readSSC(card, profile: .byRecord).holder.name == name)
    }

    @Test("4E missing (6A83): the name is tag 09 alone")
    func nameExtensionMissing() async throws {
        let card = TestSSCCard.make(generation: 2, name: "欧阳娜娜", nameExtensionPresent: false)
        #expect(try await readSSC(card).holder.name == "欧阳娜娜")
        #expect(try await readSSC(card, profile: .byRecord).holder.name == "欧阳娜娜")
    }

    @Test("nation codes by GB 3304, gender codes")
    func codes() async throws {
        let other = try await readSSC(.make(generation: 2, name: "张三", gender: "1", nation: 0x97)).holder
        #expect(other.nation == "其他")
        #expect(other.gender == .male)
        #expect(try await readSSC(.make(generation: 2, name: "张三", nation: 0x05)).holder.nation == "维吾尔")
        #expect(try await readSSC(.make(generation: 2, name: "张三", nation: 0x56)).holder.nation == "基诺")
        #expect(try await readSSC(.make(generation: 2, name: "张三", nation: 0x98)).holder.nation == "外国血统中国籍人士")
        #expect(try await readSSC(.make(generation: 2, name: "张三", nation: 0x00)).holder.nation == nil)
        #expect(try await readSSC(.make(generation: 2, name: "张三", gender: "9")).holder.gender == nil)
    }

    @Test("an ID number with a wrong check character is stored as read")
    func badCheckCharacterKept() async throws {
        let holder = try await readSSC(.make(generation: 2, name: "张三", idNumber: "500119198202140661")).holder
        #expect(holder.idNumber == "500119198202140661")
    }

    @Test("undecodable fields: each says which field and what is wrong, never the data", arguments: [
        (UInt8(0x06), [0x20, 0x3A, 0x01, 0x01] as [UInt8], "EF05 tag 06 (expiry date) is not BCD"),
        (0x05, [0x20, 0x23, 0x02, 0x30], "EF05 tag 05 (issue date) is not a real date YYYYMMDD"),
        (0x0D, [0x19, 0x82, 0x13, 0x01], "EF06 tag 0D (birth date) is not a real date YYYYMMDD"),
        (0x0D, [0x19, 0x82, 0x02], "EF06 tag 0D (birth date) has length 3, 4 expected"),
        (0x07, [0x41, 0xC8, 0x32], "EF05 tag 07 (card number) is not printable ASCII"),
        (0x08, Array("50011919820214066X".utf8) + [0x31], "EF06 tag 08 (social security number) has length 19, at most 18 expected"),
        (0x09, [UInt8](repeating: 0xB0, count: 31), "EF06 tag 09 (name) has length 31, at most 30 expected"),
        (0x09, [0xD5, 0xC5, 0x81], "EF06 tag 09 (name) is not valid GB18030"),
        (0x09, [0xD5, 0xC5, 0x07, 0xC8, 0xFD], "EF06 tag 09 (name) contains control characters"),
        (0x09, [0x00, 0x20, 0xFF], "EF06 tag 09 (name) is empty"),
        (0x0A, [0x4D], "EF06 tag 0A (gender) is not 1 (male), 2 (female), 0 or 9 (not recorded)"),
        (0x0B, [0x1F], "EF06 tag 0B (nation) is not BCD"),
        (0x03, Array("2.0".utf8), "EF05 tag 03 (spec version) has length 3, 4 expected"),
    ])
    func badFields(tag: UInt8, value: [UInt8], message: String) async {
        var card = TestSSCCard.make(generation: 2, name: "张三")
        card.set(tag, value)
        let error = await sscError(card)
        #expect(error?.code == .cardUnreadable)
        #expect(error?.message == message)
        #expect(error?.message.contains("50011919820214066X") == false)
    }

    @Test("record answers: tag mismatch, length overrun, too short")
    func badRecords() async {
        let cases: [([UInt8], [UInt8], String)] = [
            ([0x00, 0xB2, 0x0A, 0x00], [0x0B, 0x01, 0x01, 0x90, 0x00], "EF06 tag 0A (gender) was expected, but the record has tag 0B"),
            ([0x00, 0xB2, 0x09, 0x00], [0x09, 0x28] + [UInt8](repeating: 0xB0, count: 30) + [0x90, 0x00], "EF06 tag 09 (name) has length 40, but only 30 byte(s) follow"),
            ([0x00, 0xB2, 0x01, 0x00], [0x01, 0x90, 0x00], "EF05 tag 01 (card identifier) answer has 1 byte(s), a tag and a length expected"),
        ]
        for (header, answer, message) in cases {
            var card = TestSSCCard.make(generation: 2, name: "张三")
            card.overrides[header] = answer
            let error = await sscError(card)
            #expect(error?.code == .cardUnreadable)
            #expect(error?.message == message)
        }
    }

    @Test("status words: 6A82 on the DF, 6982, 6983, 9303 and the rest", arguments: [
        ([0x00, 0xA4, 0x04, 0x00] as [UInt8], [0x6A, 0x82] as [UInt8], KioskError.Code.cardNotSupported, "no social security application on the card (SELECT DF answered 6A82)"),
        ([0x00, 0xB2, 0x08, 0x00], [0x69, 0x82], .cardNotSupported, "READ RECORD EF06 tag 08 (social security number) answered 6982: the card wants PSAM authentication, which this reader lacks"),
        ([0x00, 0xA4, 0x02, 0x00], [0x69, 0x83], .cardLocked, "the card's PIN is locked (SELECT EF05 answered 6983)"),
        ([0x00, 0xA4, 0x04, 0x00], [0x93, 0x03], .cardLocked, "the social security application is locked (SELECT DF answered 9303)"),
        ([0x00, 0xA4, 0x02, 0x00], [0x6A, 0x82], .cardUnreadable, "SELECT EF05 answered 6A82"),
        ([0x00, 0xB2, 0x0A, 0x00], [0x6A, 0x83], .cardUnreadable, "READ RECORD EF06 tag 0A (gender) answered 6A83"),
        ([0x00, 0xB2, 0x03, 0x00], [0x6F, 0x00], .cardUnreadable, "READ RECORD EF05 tag 03 (spec version) answered 6F00"),
    ])
    func statusWords(header: [UInt8], status: [UInt8], code: KioskError.Code, message: String) async {
        var card = TestSSCCard.make(generation: 2, name: "张三")
        card.overrides[header] = status
        let error = await sscError(card)
        #expect(error?.code == code)
        #expect(error?.message == message)
    }

    @Test("status words with record addressing name the record number")
    func statusWordByRecord() async {
        var card = TestSSCCard.make(generation: 2, name: "张三")
        card.overrides[[0x00, 0xB2, 0x01, 0x34]] = [0x69, 0x82]
        let error = await sscError(card, profile: .byRecord)
        #expect(error?.code == .cardNotSupported)
        #expect(error?.message.hasPrefix("READ RECORD EF06 record 1 (tag 08, social security number) answered 6982") == true)
    }

    @Test("an unknown generation is not supported")
    func unknownGeneration() async {
        var card = TestSSCCard.make(generation: 2, name: "张三")
        card.set(0x03, Array("4.00".utf8))
        let error = await sscError(card)
        #expect(error?.code == .cardNotSupported)
        #expect(error?.message == "EF05 tag 03 (spec version) is \"4.00\"; generations 1, 2 and 3 are read")
    }

    @Test("a profile without the fields the kiosk needs says so")
    func incompleteProfile() async {
        let error = await sscError(.make(generation: 2, name: "张三"), profile: SSCReadProfile(ef06RecordsGeneration2: [0x08, 0x0A]))
        #expect(error?.code == .cardUnreadable)
        #expect(error?.message == "EF06 tag 09 (name) was not read: the reader profile's EF06 record list lacks it")
    }

    @Test("the profile's application name is what SELECT DF sends; a card identifier without digits has no region")
    func applicationName() async throws {
        let error = await sscError(.make(generation: 2, name: "张三"), profile: SSCReadProfile(applicationName: [0xA0, 0x00, 0x00, 0x00, 0x01]))
        #expect(error?.code == .cardNotSupported)
        var card = TestSSCCard.make(generation: 2, name: "张三")
        card.overrides[[0x00, 0xB2, 0x01, 0x00]] = [0x01, 0x03, 0x31, 0x32, 0x33, 0x90, 0x00]
        #expect(try await readSSC(card).holder.regionCode == nil)
    }
}
