import KioskCore
import Testing

@Suite("ID card reading: GA 467 through the PC/SC tunnel, the text block")
struct IDCardReadingTests {
    typealias E = CardTestEncoding

    @Test("find, select, read: the frames go out in the tunnel, the long answer comes back in 61xx chunks")
    func sequence() async throws {
        let (holder, log, count) = try await readIDCard(TestIDReader(text: TestIDText().bytes))
        #expect(log[0] == [0xFF, 0xB0, 0x00, 0x00, 0x0A] + E.hex("AA AA AA 96 69 00 03 20 01 22") + [0x00])
        #expect(log[1] == [0xFF, 0xB0, 0x00, 0x00, 0x0A] + E.hex("AA AA AA 96 69 00 03 20 02 21") + [0x00])
        #expect(log[2] == [0xFF, 0xB0, 0x00, 0x00, 0x0A] + E.hex("AA AA AA 96 69 00 03 30 01 32") + [0x00])
        // 1295 bytes: five GET RESPONSEs of 256 and one of 15.
        #expect(log.dropFirst(3) == ArraySlice([[UInt8]](repeating: [0x00, 0xC0, 0x00, 0x00, 0x00], count: 5) + [[0x00, 0xC0, 0x00, 0x00, 0x0F]]))
        #expect(count == 9)
        #expect(holder.photo == TestIDReader.photo)
    }

    @Test("the text block: every field, 长期 validity")
    func textBlock() async throws {
        let holder = try await readIDCard(TestIDReader(text: TestIDText().bytes)).holder
        #expect(holder.kind == .idCard)
        #expect(holder.name == "李明")
        #expect(holder.gender == .male)
        #expect(holder.nation == "汉")
        #expect(holder.birthDate == CalendarDate(year: 1960, month: 5, day: 12))
        #expect(holder.address == "江苏省南通市崇川区人民路1号")
        #expect(holder.idNumber == "320602196005120210")
        #expect(holder.issuingAuthority == "南通市公安局崇川分局")
        #expect(holder.issueDate == CalendarDate(year: 2010, month: 1, day: 1))
        #expect(holder.expiry == .longTerm)
        #expect(holder.regionCode == "320602")
        #expect(holder.residencePermit == nil && holder.cardType == nil && holder.cardNumber == nil && holder.specVersion == nil)
        #expect(holder.claim == .idCard(idNumber: "320602196005120210", name: "李明"))
    }

    @Test("a dated validity, a 15-character name, a woman of another nation")
    func datedValidity() async throws {
        var text = TestIDText()
        text.validTo = "20300101"
        text.name = "阿卜杜热合曼·买买提艾力·阿"
        text.gender = "2"
        text.nation = "05"
        let holder = try await readIDCard(TestIDReader(text: text.bytes)).holder
        #expect(holder.expiry == CalendarDate(year: 2030, month: 1, day: 1).map(CardExpiry.on))
        #expect(holder.name == "阿卜杜热合曼·买买提艾力·阿")
        #expect(holder.gender == .female)
        #expect(holder.nation == "维吾尔")
    }

    @Test("a residence permit for Hong Kong, Macau and Taiwan residents")
    func residencePermit() async throws {
        var text = TestIDText()
        text.nation = ""
        text.idNumber = "810000199001010016"
        text.validTo = "20300101"
        text.permit = ("H01234567", "02")
        let holder = try await readIDCard(TestIDReader(text: text.bytes)).holder
        #expect(holder.residencePermit == CardHolder.ResidencePermit(passNumber: "H01234567", issueCount: 2))
        #expect(holder.nation == nil)
        #expect(holder.cardType == "J")
        #expect(holder.regionCode == "810000")
    }

    @Test("the photo is kept as the reader handed it out; none when it has no bytes")
    func photo() async throws {
        let photo = [UInt8](repeating: 0xFF, count: 1024)
        #expect(try await readIDCard(TestIDReader(text: TestIDText().bytes, photo: photo)).holder.photo == photo)
        #expect(try await readIDCard(TestIDReader(text: TestIDText().bytes, photo: [])).holder.photo == nil)
    }

    @Test("SW3 of find and select", arguments: [
        (UInt8(0x80), KioskError.Code.cardRemoved, "no ID card on the reader"),
        (0x91, .cardUnreadable, "no content"),
        (0x10, .cardUnreadable, "checksum error"),
        (0x11, .cardUnreadable, "length error"),
        (0x21, .cardUnreadable, "command error"),
        (0x24, .cardUnreadable, "unrecognised command"),
        (0x23, .cardReaderSAMFailed, "SAM is not authorised"),
        (0x66, .cardReaderSAMFailed, "SAM is not authorised"),
        (0x31, .cardReaderSAMFailed, "the card failed to authenticate the SAM"),
        (0x32, .cardReaderSAMFailed, "the SAM failed to authenticate the card"),
        (0x33, .cardReaderSAMFailed, "verification error"),
        (0x47, .cardReaderSAMFailed, "random number"),
        (0x60, .cardReaderSAMFailed, "self-test"),
        (0x40, .cardNotSupported, "does not know this card type"),
        (0x41, .cardUnreadable, "failed to read the card"),
        (0x81, .cardUnreadable, "failed to select the card"),
        (0x90, .cardUnreadable, "find card (20 01) answered SW3 90, 9F expected"),
        (0x5A, .cardUnreadable, "find card (20 01) answered SW3 5A, 9F expected"),
    ])
    func findStatus(sw3: UInt8, code: KioskError.Code, words: String) async {
        var reader = TestIDReader(text: TestIDText().bytes)
        reader.findSW3 = sw3
        let error = await idCardError(reader)
        #expect(error?.code == code)
        #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("SW3 \(CardTestEncoding.hexByte(sw3))") == true)
    }

    @Test("SW3 of select and read")
    func laterStatus() async {
        var reader = TestIDReader(text: TestIDText().bytes)
        reader.selectSW3 = 0x81
        #expect(await idCardError(reader)?.message == "the ID reader failed to select the card (select card (20 02) answered SW3 81)")
        reader = TestIDReader(text: TestIDText().bytes)
        reader.readFrame = TestIDReader.readFrame(text: [], photo: [], sw3: 0x41)
        #expect(await idCardError(reader)?.message == "the ID reader failed to read the card (read text and photo (30 01) answered SW3 41)")
        reader.readFrame = CardTestEncoding.ga467([0x00, 0x00, 0x9F])
        #expect(await idCardError(reader)?.message == "read text and photo (30 01) answered SW3 9F, 90 expected")
    }

    @Test("the tunnel's own status word must be 9000; 6D00 / 6E00 point at the profile")
    func tunnelStatus() async {
        var reader = TestIDReader(text: TestIDText().bytes)
        reader.tunnelStatus = [0x6A, 0x81]
        #expect(await idCardError(reader)?.message == "the ID reader answered 6A81 to the tunnelled find card (20 01)")
        do {
            _ = try await readIDCard(TestIDReader(text: TestIDText().bytes), profile: IDCardTunnelProfile(header: [0xFF, 0xCA, 0x00, 0x00]))
            Issue.record("read")
        } catch {
            #expect(error.code == .cardUnreadable)
            #expect(error.message.contains("tunnel_header"))
        }
    }

    @Test("read answers with the wrong lengths")
    func readLengths() async {
        let text = TestIDText().bytes
        let cases: [([UInt8], String)] = [
            ([0x00, 0x00, 0x90, 0x01], "the ID card read answer has 1 byte(s), at least 4 (text and photo lengths) expected"),
            ([0x00, 0x00, 0x90, 0x00, 0xFF, 0x04, 0x00] + text.prefix(255) + TestIDReader.photo, "the ID card read answer announces 255 bytes of text, 256 expected"),
            ([0x00, 0x00, 0x90, 0x01, 0x00, 0x04, 0x00] + text + TestIDReader.photo.prefix(1000), "the ID card read answer announces 256 + 1024 bytes of text and photo, but carries 1256"),
        ]
        for (body, message) in cases {
            var reader = TestIDReader(text: text)
            reader.readFrame = CardTestEncoding.ga467(body)
            let error = await idCardError(reader)
            #expect(error?.code == .cardUnreadable)
            #expect(error?.message == message)
        }
    }

    @Test("text fields that do not decode", arguments: [
        ("birth date", "19601312", "the ID card's birth date field is not a real date YYYYMMDD"),
        ("valid-to", "长久", "the ID card's valid-to date field is not a real date YYYYMMDD"),
        ("valid-from", "", "the ID card's valid-from date field is not a real date YYYYMMDD"),
        ("gender", "M", "the ID card's gender field is not 1 (male), 2 (female), 0 or 9 (not recorded)"),
        ("nation", "A1", "the ID card's nation field is not a two-digit code"),
        ("name", "", "the ID card's name field is empty"),
        ("address", "路\u{1}号", "the ID card's address field contains control characters"),
    ])
    func badText(field: String, value: String, message: String) async {
        var text = TestIDText()
        switch field {
        case "birth date": text.birthDate = value
        case "valid-to": text.validTo = value
        case "valid-from": text.validFrom = value
        case "gender": text.gender = value
        case "nation": text.nation = value
        case "name": text.name = value
        default: text.address = value
        }
        let error = await idCardError(TestIDReader(text: text.bytes))
        #expect(error?.code == .cardUnreadable)
        #expect(error?.message == message)
    }

    @Test("a lone surrogate is not UCS-2; a bad permit issue count is named")
    func badEncoding() async {
        var block = TestIDText().bytes
        block[0] = 0x00
        block[1] = 0xD8
        #expect(await idCardError(TestIDReader(text: block))?.message == "the ID card's name field is not valid UCS-2")
        var text = TestIDText()
        text.permit = ("H01234567", "2X")
        #expect(await idCardError(TestIDReader(text: text.bytes))?.message == "the ID card's issue count field is not two digits")
    }
}
