import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Testing

@Suite("resident ID cards read through the reader's SAM tunnel in pcscd + vpcd", .serialized)
struct IDCardThroughPCSCTests {
    @Test("an ID card valid 长期 (long-term), with its 1295-byte GA 467 answer in 61xx chunks")
    func longTermCard() async throws {
        try await CardStack.withReader { reader in
            let card = try await CardStack.insert(TestCards.idCard(), into: PCSCStack.idcardReader.port, reader: reader)
            defer { card.remove() }
            let holder = try await reader.read(.idCard)
            #expect(holder.kind == .idCard)
            #expect(holder.name == "陈德明" && holder.idNumber == "500119197008150552")
            #expect(holder.gender == .male && holder.nation == "汉")
            #expect(holder.birthDate == CalendarDate(year: 1970, month: 8, day: 15))
            #expect(holder.address == "重庆市南川区东城街道金山路18号")
            #expect(holder.issuingAuthority == "重庆市公安局南川区分局")
            #expect(holder.expiry == .longTerm)
            #expect(holder.regionCode == "500119")
            #expect(holder.photo?.count == 1024)
            #expect(holder.residencePermit == nil)
            #expect(holder.refusal(today: CardStack.today) == nil)
        }
    }

    @Test("a Hong Kong resident's residence permit: pass number, issue count, no nation")
    func residencePermit() async throws {
        try await CardStack.withReader { reader in
            let card = try await CardStack.insert(TestCards.idCard(validTo: "2028-05-31", permit: true), into: PCSCStack.idcardReader.port, reader: reader)
            defer { card.remove() }
            let holder = try await reader.read(.idCard)
            #expect(holder.name == "陈美琪" && holder.gender == .female)
            #expect(holder.residencePermit?.passNumber == "H60123456" && holder.residencePermit?.issueCount == 1)
            #expect(holder.nation == nil)
            #expect(holder.expiry == CalendarDate(year: 2028, month: 5, day: 31).map { .on($0) })
        }
    }

    @Test("both slots hold a card at once: each read goes to its own reader")
    func bothSlots() async throws {
        try await CardStack.withReader { reader in
            let ssc = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader)
            defer { ssc.remove() }
            let id = try await CardStack.insert(TestCards.idCard(), into: PCSCStack.idcardReader.port, reader: reader)
            defer { id.remove() }
            async let sscHolder = reader.read(.socialSecurityCard)
            async let idHolder = reader.read(.idCard)
            #expect(try await sscHolder.name == "王秀英")
            #expect(try await idHolder.name == "陈德明")
        }
    }
}
