import KioskCore
import Testing

@Suite("GA 467 frames: encoding commands, checking responses")
struct GA467FrameTests {
    typealias E = CardTestEncoding
    static let find = E.hex("AA AA AA 96 69 00 03 20 01 22")
    static let found = E.hex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
    static let notFound = E.hex("AA AA AA 96 69 00 04 00 00 80 84")

    @Test("the reference frames, byte for byte")
    func referenceFrames() throws {
        #expect(GA467Frame.command(0x20, 0x01) == Self.find)
        #expect(GA467Frame.encode(body: [0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00]) == Self.found)
        #expect(GA467Frame.encode(body: [0x00, 0x00, 0x80]) == Self.notFound)
        #expect(try GA467Frame.response(Self.found) == GA467Response(sw1: 0, sw2: 0, sw3: 0x9F, data: [0, 0, 0, 0]))
        #expect(try GA467Frame.response(Self.notFound) == GA467Response(sw3: 0x80))
    }

    @Test("the read answer: LEN 05 08, 1295 bytes, text at 14 and photo at 270")
    func readFrame() throws {
        let text = TestIDText().bytes
        let frame = TestIDReader.readFrame(text: text, photo: TestIDReader.photo)
        #expect(frame.count == 1295)
        #expect(Array(frame.prefix(14)) == E.hex("AA AA AA 96 69 05 08 00 00 90 01 00 04 00"))
        let response = try GA467Frame.response(frame)
        #expect(response.sw3 == 0x90)
        #expect(Array(response.data[4..<260]) == text)
        #expect(Array(response.data[260...]) == TestIDReader.photo)
    }

    @Test("broken frames: each failure is named", arguments: [
        (Array(found.dropLast()) + [0x96], "carries checksum 96, its bytes give 97"),
        (Array(found.prefix(5)) + [0x00, 0x09] + Array(found.dropFirst(7)), "LEN says 9 byte(s) follow, but 8 do (truncated)"),
        (Array(found.prefix(5)) + [0x00, 0x07] + Array(found.dropFirst(7)), "LEN says 7 byte(s) follow, but 8 do"),
        (Array(found.prefix(12)), "LEN says 8 byte(s) follow, but 5 do (truncated)"),
        (Array(found.prefix(6)), "is truncated: 6 byte(s), no LEN"),
        ([], "is truncated: 0 byte(s), no LEN"),
        ([0xAA, 0xAA, 0xAB, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x80, 0x84], "does not start with the preamble AA AA AA 96 69"),
        ([0x90, 0x00], "does not start with the preamble AA AA AA 96 69"),
        (E.hex("AA AA AA 96 69 00 03 00 00 03"), "LEN is 3, at least 4 expected (SW1 SW2 SW3 CHK)"),
    ] as [([UInt8], String)])
    func broken(frame: [UInt8], problem: String) {
        do {
            _ = try GA467Frame.response(frame)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .cardUnreadable)
            #expect(error.message == "the ID reader's GA 467 response frame \(problem)")
        }
    }
}
