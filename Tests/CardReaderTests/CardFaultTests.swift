import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Testing

@Suite("card faults through pcscd + vpcd: pulled, silent, garbage, pcscd restarted", .serialized)
struct CardFaultTests {
    @Test("a card pulled mid-read ends the read with card.removed, and the next card reads")
    func pulledMidRead() async throws {
        try await CardStack.withReader { reader in
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader, fault: .pullAfter(commands: 6))
            await Self.expectFailure(.cardRemoved) { try await reader.read(.socialSecurityCard) }
            #expect(!card.isConnected)
            try await waitUntil("pcscd sees the slot empty") { await reader.readers().first { $0.name == PCSCStack.sscReader.pcscName }?.cardPresent == false }
            let next = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader)
            defer { next.remove() }
            #expect(try await reader.read(.socialSecurityCard).name == "王秀英")
        }
    }

    @Test("a silent card fails within the configured timeout, shows as hardwareError, and the slot recovers once it is pulled")
    func silentCard() async throws {
        try await CardStack.withReader(commandTimeout: .milliseconds(800)) { reader in
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader, fault: .silentAfter(commands: 4))
            let failed = try await KioskTesting.within(.seconds(10), "the silent card's read to fail") { () -> KioskError? in
                do throws(KioskError) { _ = try await reader.read(.socialSecurityCard) } catch { return error }
                return nil
            }
            #expect(failed?.code == .cardNotResponding)
            #expect(failed?.message.contains("restart pcscd") == true)
            let status = reader.status(of: .socialSecurityCard)
            #expect(status.state == .hardwareError && status.requiredAction == .reset)

            try await CardStack.remove(card, from: PCSCStack.sscReader.port, reader: reader)
            #expect(reader.status(of: .socialSecurityCard).state == .online)
            let next = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader)
            defer { next.remove() }
            #expect(try await reader.read(.socialSecurityCard).name == "王秀英")
        }
    }

    @Test("garbage, truncated answers and wrong status words end in a KioskError, never a crash",
          arguments: [VirtualCardFault.garbage(afterCommands: 3), .truncated(afterCommands: 5), .statusWord(0x6F00, afterCommands: 2),
                      .garbage(afterCommands: 12), .truncated(afterCommands: 1)])
    func brokenAnswers(fault: VirtualCardFault) async throws {
        try await CardStack.withReader { reader in
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader, fault: fault)
            defer { card.remove() }
            await Self.expectFailure(nil) { try await reader.read(.socialSecurityCard) }
            // An ID card read is five APDUs (find, select, read and its GET RESPONSEs): the fault starts within them.
            let id = try await CardStack.insert(TestCards.idCard(), into: PCSCStack.idcardReader.port, reader: reader, fault: Self.within(5, fault))
            defer { id.remove() }
            await Self.expectFailure(nil) { try await reader.read(.idCard) }
        }
    }

    @Test("pcscd killed and restarted: the monitor reports it, the readers come back by themselves, reads work again")
    func pcscdRestart() async throws {
        try await CardStack.withReader { reader in
            let watch = reader.watch()
            let seen = Task { () -> [CardWatchEvent.Kind] in
                var kinds: [CardWatchEvent.Kind] = []
                for await event in watch {
                    kinds.append(event.kind)
                    if event.kind == .serviceRestored { break }
                }
                return kinds
            }
            await PCSCStack.shared.stop()
            await Self.expectFailure(.cardReaderMissing) { try await reader.read(.socialSecurityCard) }
            try await PCSCStack.shared.start()
            let kinds = try await KioskTesting.within(.seconds(15), "service-lost then service-restored") { await seen.value }
            #expect(kinds.contains(.serviceLost) && kinds.contains(.readerRemoved))
            try await waitUntil("the readers are back") { await CardStack.bothReadersSeen(by: reader) }
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: reader)
            defer { card.remove() }
            #expect(try await reader.read(.socialSecurityCard).name == "王秀英")
        }
    }

    static func within(_ commands: Int, _ fault: VirtualCardFault) -> VirtualCardFault {
        switch fault {
        case .garbage(let n): .garbage(afterCommands: min(n, commands))
        case .truncated(let n): .truncated(afterCommands: min(n, commands))
        case .statusWord(let word, let n): .statusWord(word, afterCommands: min(n, commands))
        case .pullAfter(let n): .pullAfter(commands: min(n, commands))
        case .silentAfter(let n): .silentAfter(commands: min(n, commands))
        }
    }

    static func expectFailure(_ code: KioskError.Code?, _ read: () async throws -> CardHolder) async {
        do {
            _ = try await read()
            Issue.record("the read succeeded")
        } catch let error as KioskError {
            if let code { #expect(error.code == code, "\(error)") }
        } catch {
            Issue.record("not a KioskError: \(error)")
        }
    }
}
