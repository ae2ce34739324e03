import KioskCore
import Testing

@Suite("APDU exchange: 61xx chaining, 6Cxx resend, command count")
struct APDUExchangeTests {
    static let read = CommandAPDU(ins: 0xB2, p1: 0x09, p2: 0x00, le: 0x00)

    @Test("command APDUs in the short form: Lc only with data, Le only when given")
    func commandBytes() {
        #expect(CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x00, data: [0xEF, 0x05]).bytes == [0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, 0x05])
        #expect(Self.read.bytes == [0x00, 0xB2, 0x09, 0x00, 0x00])
        #expect(CommandAPDU(cla: 0xFF, ins: 0xB0, p1: 0, p2: 0, data: [1, 2, 3], le: 0).bytes == [0xFF, 0xB0, 0x00, 0x00, 0x03, 1, 2, 3, 0x00])
        #expect(CommandAPDU(ins: 0xC0, p1: 0, p2: 0).bytes == [0x00, 0xC0, 0x00, 0x00])
    }

    @Test("a response splits into data and status word; fewer than 2 bytes is unreadable")
    func responseParsing() throws {
        let response = try ResponseAPDU(raw: [0x01, 0x02, 0x6A, 0x83])
        #expect(response.data == [0x01, 0x02])
        #expect(response.statusWord == 0x6A83)
        #expect(try ResponseAPDU(raw: [0x90, 0x00]).data.isEmpty)
        for raw in [[], [0x90]] as [[UInt8]] {
            #expect(throws: KioskError.self) { try ResponseAPDU(raw: raw) }
            do { _ = try ResponseAPDU(raw: raw) } catch { #expect(error.code == .cardUnreadable) }
        }
    }

    @Test("a plain answer is one command")
    func plain() async throws {
        let transport = ScriptedTransport(AnswerList(answers: [[0x01, 0x02, 0x90, 0x00]]))
        var exchange = APDUExchange(transport)
        let response = try await exchange.send(Self.read)
        #expect(response == ResponseAPDU(data: [0x01, 0x02], sw1: 0x90, sw2: 0x00))
        #expect(exchange.commandsSent == 1)
    }

    @Test("61xx: GET RESPONSE for each chunk, data concatenated, 6100 asks for 256")
    func chaining() async throws {
        let chunk1 = [UInt8](repeating: 0xA1, count: 256), chunk2 = [UInt8](repeating: 0xB2, count: 256), chunk3: [UInt8] = [0xC3, 0xC3, 0xC3]
        let transport = ScriptedTransport(AnswerList(answers: [
            [0x61, 0x00], chunk1 + [0x61, 0x00], chunk2 + [0x61, 0x03], chunk3 + [0x90, 0x00],
        ]))
        var exchange = APDUExchange(transport)
        let response = try await exchange.send(Self.read)
        #expect(response.data == chunk1 + chunk2 + chunk3)
        #expect(response.statusWord == 0x9000)
        #expect(exchange.commandsSent == 4)
        #expect(transport.log == [Self.read.bytes, [0x00, 0xC0, 0x00, 0x00, 0x00], [0x00, 0xC0, 0x00, 0x00, 0x00], [0x00, 0xC0, 0x00, 0x00, 0x03]])
    }

    @Test("data before a 61xx is kept too, and the last status word is the answer's")
    func chainingKeepsFirstData() async throws {
        let transport = ScriptedTransport(AnswerList(answers: [[0x11, 0x61, 0x02], [0x22, 0x33, 0x6A, 0x83]]))
        var exchange = APDUExchange(transport)
        let response = try await exchange.send(Self.read)
        #expect(response.data == [0x11, 0x22, 0x33])
        #expect(response.statusWord == 0x6A83)
    }

    @Test("6Cxx: the same command again with Le = xx, once")
    func wrongLength() async throws {
        let transport = ScriptedTransport(AnswerList(answers: [[0x6C, 0x20], [0x09, 0x1E] + [UInt8](repeating: 0x41, count: 30) + [0x90, 0x00]]))
        var exchange = APDUExchange(transport)
        let response = try await exchange.send(Self.read)
        #expect(response.data.count == 32)
        #expect(exchange.commandsSent == 2)
        #expect(transport.log.last == [0x00, 0xB2, 0x09, 0x00, 0x20])
    }

    @Test("a second 6Cxx is returned, not chased")
    func wrongLengthTwice() async throws {
        let transport = ScriptedTransport(AnswerList(answers: [[0x6C, 0x20], [0x6C, 0x21], [0x90, 0x00]]))
        var exchange = APDUExchange(transport)
        let response = try await exchange.send(Self.read)
        #expect(response.statusWord == 0x6C21)
        #expect(exchange.commandsSent == 2)
    }

    @Test("6Cxx followed by 61xx: resend, then GET RESPONSE")
    func wrongLengthThenChaining() async throws {
        let transport = ScriptedTransport(AnswerList(answers: [[0x6C, 0x04], [0x61, 0x04], [1, 2, 3, 4, 0x90, 0x00]]))
        var exchange = APDUExchange(transport)
        let response = try await exchange.send(Self.read)
        #expect(response.data == [1, 2, 3, 4])
        #expect(exchange.commandsSent == 3)
    }

    @Test("a card answering 61xx forever is given up after 64 GET RESPONSEs")
    func endless() async {
        let transport = ScriptedTransport(EndlessMoreData())
        var exchange = APDUExchange(transport)
        do {
            _ = try await exchange.send(Self.read)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .cardUnreadable)
            #expect(error.message.contains("64 GET RESPONSEs"), "\(error.message)")
        }
        #expect(exchange.commandsSent == 65)
    }

    @Test("the count adds up over several commands")
    func countAcrossCommands() async throws {
        let transport = ScriptedTransport(AnswerList(answers: [[0x90, 0x00], [0x61, 0x01], [0x01, 0x90, 0x00], [0x6C, 0x01], [0x01, 0x90, 0x00]]))
        var exchange = APDUExchange(transport)
        for _ in 0..<3 { _ = try await exchange.send(Self.read) }
        #expect(exchange.commandsSent == 5)
    }

    @Test("data longer than a short APDU holds is refused before anything is sent")
    func tooLong() async {
        var exchange = APDUExchange(ScriptedTransport(AnswerList(answers: [])))
        do {
            _ = try await exchange.send(CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: [UInt8](repeating: 0, count: 256)))
            Issue.record("accepted")
        } catch {
            #expect(error.code == .cardUnreadable)
        }
        #expect(exchange.commandsSent == 0)
    }
}
