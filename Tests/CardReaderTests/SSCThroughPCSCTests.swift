import KioskConfig
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging
import Synchronization
import Testing

@Suite("social security cards read through pcscd + vpcd", .serialized)
struct SSCThroughPCSCTests {
    @Test("generation 1, 2 and 3 cards decode with every field", arguments: [1, 2, 3])
    func generations(generation: Int) async throws {
        try await CardStack.withReader { reader in
            let card = try await CardStack.insert(TestCards.ssc(generation: generation), into: PCSCStack.sscReader.port, reader: reader)
            defer { card.remove() }
            let holder = try await reader.read(.socialSecurityCard)
            #expect(holder.kind == .socialSecurityCard)
            #expect(holder.name == "王秀英")
            #expect(holder.idNumber == "320611195507200183")
            #expect(holder.gender == .female)
            #expect(holder.nation == "汉")
            #expect(holder.birthDate == CalendarDate(year: 1955, month: 7, day: 20))
            #expect(holder.regionCode == "320600")
            #expect(holder.specVersion == "\(generation).00")
            #expect(holder.cardNumber == "A10200183")
            #expect(holder.issueDate == CalendarDate(year: 2018, month: 9, day: 12))
            #expect(holder.expiry == CalendarDate(year: 2030, month: 11, day: 2).map { .on($0) })
        }
    }

    @Test("record addressing (P2 2C / 34, no EF select) reads the same card", arguments: [1, 2])
    func recordAddressing(generation: Int) async throws {
        let database = try CardStack.database(sscTable: #"addressing = "record""#)
        try await CardStack.withReader(database: database) { reader in
            let card = try await CardStack.insert(TestCards.ssc(generation: generation, extra: #"addressing = "record""#),
                                                  into: PCSCStack.sscReader.port, reader: reader)
            defer { card.remove() }
            let holder = try await reader.read(.socialSecurityCard)
            #expect(holder.name == "王秀英" && holder.gender == .female && holder.specVersion == "\(generation).00")
        }
    }

    @Test("names: a rare character, four characters, a long name across 09 + 4E, and a card without 4E")
    func names() async throws {
        try await CardStack.withReader { reader in
            let cases: [(String, Bool?)] = [("欧阳𬌗", nil), ("欧阳娜娜", nil), ("阿卜杜热合曼·买买提明·艾力", nil), ("李䶮", false)]
            for (name, nameExtension) in cases {
                let card = try await CardStack.insert(TestCards.ssc(name: name, nameExtension: nameExtension), into: PCSCStack.sscReader.port, reader: reader)
                let holder = try await reader.read(.socialSecurityCard)
                #expect(holder.name == name)
                try await CardStack.remove(card, from: PCSCStack.sscReader.port, reader: reader)
            }
        }
    }

    @Test("a T=0 card answering 61xx (GET RESPONSE) and 6Cxx (wrong Le) reads the same", arguments: ["61", "6C"])
    func responseStyles(style: String) async throws {
        try await CardStack.withReader { reader in
            let card = try await CardStack.insert(TestCards.ssc(extra: "response_style = \"\(style)\""), into: PCSCStack.sscReader.port, reader: reader)
            defer { card.remove() }
            let holder = try await reader.read(.socialSecurityCard)
            #expect(holder.name == "王秀英" && holder.cardNumber == "A10200183")
            #expect(card.commandsAnswered > 17, "the \(style) path took extra APDUs")
        }
    }

    @Test("an expired card and a bad check character are refused with their reason; diagnostics still show them")
    func refusals() async throws {
        try await CardStack.withReader { reader in
            var card = try await CardStack.insert(TestCards.ssc(expiry: "2025-01-31"), into: PCSCStack.sscReader.port, reader: reader)
            await #expect(throws: KioskError.self) { try await reader.read(.socialSecurityCard) }
            do throws(KioskError) { _ = try await reader.read(.socialSecurityCard) } catch { #expect(error.code == .cardExpired) }
            let report = try await reader.readReport(reader: nil)
            #expect(report.problem?.code == KioskError.Code.cardExpired.rawValue && report.expiryDate == "2025-01-31")
            try await CardStack.remove(card, from: PCSCStack.sscReader.port, reader: reader)

            card = try await CardStack.insert(TestCards.ssc(idNumber: "320611195507200184"), into: PCSCStack.sscReader.port, reader: reader)
            defer { card.remove() }
            do throws(KioskError) {
                _ = try await reader.read(.socialSecurityCard)
                Issue.record("a bad check character was accepted")
            } catch {
                #expect(error.code == .cardIDNumberInvalid)
                #expect(!error.message.contains("320611195507200184"))
            }
            let invalid = try await reader.readReport(reader: nil)
            #expect(!invalid.idNumberValid && invalid.idNumber == "3206**********0184")
        }
    }

    @Test("while a resident is being served, a watcher sees the card go in but it is not read for the watcher")
    func watchersDuringService() async throws {
        try await CardStack.withReader { reader in
            let serving = Mutex(true)
            reader.readCardsForWatchers { serving.withLock { !$0 } }
            for residentAtTheKiosk in [true, false] {
                serving.withLock { $0 = residentAtTheKiosk }
                let watch = reader.watch()
                let read = Task { () -> CardWatchEvent? in
                    for await event in watch where event.kind == .cardRead { return event }
                    return nil
                }
                let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader)
                let event = try await within(.seconds(30), "the watcher's cardRead event") { await read.value }
                if residentAtTheKiosk {
                    #expect(event?.report == nil && event?.problem?.code == "session.resident_being_served", "\(String(describing: event))")
                    #expect(card.commandsReceived == 0, "the card was read for the watcher")
                } else {
                    #expect(event?.report?.name == "王*英", "\(String(describing: event))")
                }
                try await CardStack.remove(card, from: PCSCStack.sscReader.port, reader: reader)
            }
        }
    }

    @Test("with auto selectors the virtual reader serves no slot: a card presented over vpcd's TCP port is not read")
    func autoNeverTakesTheVirtualReader() async throws {
        let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
        try await PCSCStack.exclusively {
            let reader = PCSCCardReader(sscReader: .auto, idcardReader: .auto, database: database, commandTimeout: .seconds(2),
                                        today: { CardStack.today }, logger: Logger(label: "card-test"))
            let running = Task { try await reader.run() }
            defer { running.cancel() }
            try await waitUntil("both virtual readers are seen") { await CardStack.bothReadersSeen(by: reader) }
            let listed = await reader.readers()
            #expect(listed.allSatisfy { $0.role == nil }, "\(listed)")
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader)
            defer { card.remove() }
            do throws(KioskError) {
                _ = try await reader.read(.socialSecurityCard)
                Issue.record("a card was read from the virtual reader under auto")
            } catch {
                #expect(error.code == .cardReaderMissing, "\(error)")
            }
            #expect(card.commandsReceived == 0)
            #expect(reader.status(of: .socialSecurityCard).state == .noDevice)
        }
    }

    @Test("insert and remove reach the session as events, without polling")
    func events() async throws {
        try await CardStack.withReader { reader in
            let collected = Task { () -> [CardEvent] in
                var events: [CardEvent] = []
                for await event in reader.events {
                    events.append(event)
                    if events.count == 2 { break }
                }
                return events
            }
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader)
            try await CardStack.remove(card, from: PCSCStack.sscReader.port, reader: reader)
            let events = try await within(.seconds(5), "insert and remove events") { await collected.value }
            #expect(events == [.inserted(.socialSecurityCard), .removed(.socialSecurityCard)])
        }
    }
}
