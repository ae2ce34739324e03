import Foundation
import Glibc
@testable import KioskSimulators
import KioskConfig
import KioskCore
import Testing

/// The simulator's own GA 467 encoder (KioskCore has the kiosk's decoder of the same name).
private typealias VirtualFrame = KioskSimulators.GA467Frame

// Pure tests of the virtual cards (no pcscd): the card-file loader, the encoders checked against
// the public formats, and the vpcd framing against a fake vpcd in the test.

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A valid SSC card file; `holder` / `ssc` entries replace (or, when nil, remove) default lines.
private func sscFile(holder: [String: String?] = [:], ssc: [String: String?] = [:], extra: String = "") -> String {
    let holderDefaults: [String: String?] = [
        "name": "\"张三\"", "id_number": "\"11010519491231002X\"", "gender": "\"male\"", "nation": "\"01\"",
        "birth_date": "\"1949-12-31\"", "birth_place": "\"110105\"",
    ]
    let sscDefaults: [String: String?] = [
        "generation": "2", "region_code": "\"110100\"", "card_number": "\"A12345678\"",
        "issue_date": "\"2020-01-02\"", "expiry_date": "\"2030-01-02\"",
    ]
    func lines(_ values: [String: String?]) -> String {
        values.sorted { $0.key < $1.key }.compactMap { key, value in value.map { "\(key) = \($0)" } }.joined(separator: "\n")
    }
    return """
        kind = "ssc"
        [holder]
        \(lines(holderDefaults.merging(holder) { $1 }))
        [ssc]
        \(lines(sscDefaults.merging(ssc) { $1 }))
        \(extra)
        """
}

private func idCardFile(holder: [String: String?] = [:], extra: String = "") -> String {
    let defaults: [String: String?] = [
        "name": "\"李四\"", "id_number": "\"440524188001010014\"", "gender": "\"male\"", "nation": "\"01\"",
        "birth_date": "\"1880-01-01\"", "address": "\"广东省汕头市潮阳区某街1号\"", "issuing_authority": "\"汕头市公安局潮阳分局\"",
        "valid_from": "\"2010-01-01\"", "valid_to": "\"long-term\"",
    ]
    let lines = defaults.merging(holder) { $1 }.sorted { $0.key < $1.key }.compactMap { key, value in value.map { "\(key) = \($0)" } }
    return "kind = \"idcard\"\n[holder]\n" + lines.joined(separator: "\n") + "\n" + extra
}

private func load(_ toml: String) throws(VirtualCardFileError) -> VirtualCardFile {
    try VirtualCardFile(toml: toml, source: "card.toml")
}

private func loadError(_ toml: String) -> VirtualCardFileError? {
    do {
        _ = try load(toml)
        return nil
    } catch {
        return error
    }
}

private func bytes(_ hex: String) -> [UInt8] {
    HexBytes.parse(hex) ?? []
}

private func sscApplet(_ toml: String) throws -> SSCApplet {
    guard case .ssc(let card) = try load(toml).content else { throw CardKindMismatch() }
    return SSCApplet(card)
}

private func idCardSAM(_ toml: String) throws -> (IDCardSAM, VirtualCardFile.IDCard) {
    guard case .idCard(let card) = try load(toml).content else { throw CardKindMismatch() }
    return (IDCardSAM(card), card)
}

private struct CardKindMismatch: Error {}

private let selectDF = bytes("00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF")
private let ok: [UInt8] = [0x90, 0x00]

@Suite("Virtual card files: loading and validation")
struct VirtualCardFileLoadingTests {
    @Test("the sample card files in Devices/cards load", arguments: ["ssc-gen1", "ssc-gen2", "ssc-gen3", "idcard", "idcard-permit"])
    func samplesLoad(name: String) throws {
        let card = try VirtualCardFile.load(path: "\(repositoryRoot)/Devices/cards/\(name).toml")
        #expect(card.kind == (name.hasPrefix("ssc") ? .ssc : .idcard))
        switch card.content {
        case .ssc(let ssc):
            #expect((try? IDNumber(ssc.idNumber)) != nil)
            #expect(ssc.specVersion == "\(name.last.map(String.init) ?? "").00")
        case .idCard(let id):
            #expect((try? IDNumber(id.idNumber)) != nil)
            #expect((id.permit != nil) == (name == "idcard-permit"))
        }
    }

    @Test("defaults: card type 3, both addressing styles, direct answers, 4E on generation 2, a T=0 ATR")
    func sscDefaults() throws {
        guard case .ssc(let card) = try load(sscFile()).content else { Issue.record("not an SSC"); return }
        #expect(card.cardType == "3")
        #expect(card.addressing == [.tag, .record])
        #expect(card.responseStyle == .direct)
        #expect(card.hasNameExtension)
        #expect(card.atr.prefix(4) == [0x3B, 0x6C, 0x00, 0x00])
        #expect(card.atr.count == 4 + 12)
    }

    @Test("the default SAM ATR's TCK is the XOR of T0 through the last historical byte")
    func samATRCheckByte() {
        let atr = CardFileReader.defaultSAMATR
        #expect(atr.dropFirst().reduce(0, ^) == 0)
    }

    @Test("a problem names the file, the key and what is wrong")
    func badGeneration() throws {
        let error = try #require(loadError(sscFile(ssc: ["generation": "4"])))
        #expect(error.description == "card.toml:12: ssc.generation: 4 is not 1, 2 or 3")
    }

    @Test("a date that does not exist is refused without repeating holder data")
    func badDates() throws {
        let error = try #require(loadError(sscFile(holder: ["birth_date": "\"1949-02-30\""], ssc: ["issue_date": "\"2021-13-01\""])))
        #expect(error.mentions("holder.birth_date"))
        #expect(error.mentions("ssc.issue_date"))
        #expect(!error.description.contains("1949"))
        #expect(error.description.contains("\"2021-13-01\""))
    }

    @Test("TOML dates are accepted as well as strings")
    func tomlDates() throws {
        guard case .ssc(let card) = try load(sscFile(holder: ["birth_date": "1949-12-31"])).content else { Issue.record("the file did not load as an SSC"); return }
        #expect(card.birthDate.description == "1949-12-31")
    }

    @Test("every problem is reported at once: unknown keys, tables of the other kind, missing keys")
    func unknownKeys() throws {
        let error = try #require(loadError(sscFile(holder: ["nickname": "\"x\"", "gender": nil], extra: "colour = 3\n[permit]\npass_number = \"H1\"")))
        #expect(error.mentions("holder.nickname"))
        #expect(error.mentions("holder.gender"))
        #expect(error.mentions("ssc.colour"))
        #expect(error.mentions("permit"))
        #expect(error.problems.count == 4)
        #expect(error.description.contains("holder.nickname: is not a known key here"))
        #expect(error.description.contains("card.toml:2: holder.gender: is missing; expected a string"))
    }

    @Test("wrong kinds, codes and types")
    func badValues() throws {
        #expect(try #require(loadError("kind = \"passport\"")).mentions("kind"))
        let error = try #require(loadError(sscFile(
            holder: ["gender": "\"m\"", "nation": "\"57\"", "birth_place": "\"1101\"", "id_number": "\"11010519491231002Y\""],
            ssc: ["region_code": "110100", "card_number": "\"A1234\"", "addressing": "\"sfi\"", "response_style": "\"6D\"",
                  "expiry_date": "\"2019-01-01\"", "atr": "\"00 11\""]
        )))
        for key in ["holder.gender", "holder.nation", "holder.birth_place", "holder.id_number", "ssc.region_code",
                    "ssc.card_number", "ssc.addressing", "ssc.response_style", "ssc.expiry_date", "ssc.atr"] {
            #expect(error.mentions(key), "\(key)")
        }
        #expect(error.description.contains("ssc.region_code: is an integer, expected a string"))
        #expect(!error.description.contains("11010519491231002Y"))
    }

    @Test("a wrong check character is allowed (for tests of the kiosk's check)")
    func wrongCheckCharacterAllowed() throws {
        guard case .ssc(let card) = try load(sscFile(holder: ["id_number": "\"110105194912310021\""])).content else { Issue.record("the file did not load as an SSC"); return }
        #expect((try? IDNumber(card.idNumber)) == nil)
    }

    @Test("names: 25 characters at most with 4E, 15 without; never echoed")
    func nameLengths() throws {
        let twentySix = String(repeating: "张", count: 26)
        let tooLong = try #require(loadError(sscFile(holder: ["name": "\"\(twentySix)\""])))
        #expect(tooLong.mentions("holder.name"))
        #expect(!tooLong.description.contains("张"))
        #expect(throws: Never.self) { try load(sscFile(holder: ["name": "\"\(String(repeating: "张", count: 25))\""])) }

        let sixteen = "\"\(String(repeating: "张", count: 16))\""
        #expect(try #require(loadError(sscFile(holder: ["name": sixteen], ssc: ["generation": "1"]))).mentions("holder.name"))
        #expect(try #require(loadError(sscFile(holder: ["name": sixteen], ssc: ["has_name_extension": "false"]))).mentions("holder.name"))
        #expect(throws: Never.self) { try load(sscFile(holder: ["name": "\"\(String(repeating: "张", count: 15))\""], ssc: ["generation": "1"])) }

        let idCardName = try #require(loadError(idCardFile(holder: ["name": sixteen])))
        #expect(idCardName.mentions("holder.name"))
    }

    @Test("ID card: permits need an 81/82/83 ID number and carry no nation; valid_to after valid_from")
    func idCardValidation() throws {
        let permit = "[permit]\npass_number = \"H60123456\"\nissue_count = 1\n"
        let error = try #require(loadError(idCardFile(extra: permit)))
        #expect(error.mentions("holder.id_number"))
        #expect(error.mentions("holder.nation"))
        #expect(throws: Never.self) { try load(idCardFile(holder: ["id_number": "\"810000198503210040\"", "nation": nil], extra: permit)) }
        #expect(try #require(loadError(idCardFile(holder: ["valid_to": "\"2009-12-31\""]))).mentions("holder.valid_to"))
        #expect(try #require(loadError(idCardFile(extra: "[idcard]\ntunnel_header = \"FFB0\"\n"))).mentions("idcard.tunnel_header"))
        #expect(try #require(loadError(idCardFile(extra: "[idcard]\nphoto = \"/nonexistent/photo.hex\"\n"))).mentions("idcard.photo"))
    }

    @Test("faults in the card file")
    func faults() throws {
        let card = try load(sscFile(extra: "[fault]\nkind = \"status_word\"\nfrom_command = 3\nstatus_word = \"6F00\"\n"))
        #expect(card.fault == .statusWord(0x6F00, afterCommands: 3))
        #expect(try load(sscFile(extra: "[fault]\nkind = \"pull\"\nfrom_command = 2\n")).fault == .pullAfter(commands: 2))
        let error = try #require(loadError(sscFile(extra: "[fault]\nkind = \"explode\"\nfrom_command = 0\n")))
        #expect(error.mentions("fault.kind"))
        #expect(error.mentions("fault.from_command"))
    }

    @Test("invalid TOML and missing files name the source")
    func unreadable() throws {
        let syntax = try #require(loadError("kind = \"ssc"))
        #expect(syntax.description.hasPrefix("card.toml:1: invalid TOML at column"))
        #expect(throws: VirtualCardFileError.self) { try VirtualCardFile.load(path: "/nonexistent/card.toml") }
    }
}

@Suite("Virtual SSC: record encoding and answers")
struct VirtualSSCTests {
    @Test("GB18030 through iconv: common and rare characters")
    func gb18030() {
        #expect(GB18030.encode("张三") == [0xD5, 0xC5, 0xC8, 0xFD])
        // U+2C317: four-byte form 0x90308130 + linear offset (0x2C317 - 0x10000) → 99 31 D2 39.
        #expect(GB18030.encode("𬌗") == [0x99, 0x31, 0xD2, 0x39])
    }

    @Test("a short name fills 09 and leaves 4E all zeros")
    func shortName() throws {
        var applet = try sscApplet(sscFile())
        _ = applet.respond(to: selectDF)
        #expect(applet.respond(to: bytes("00 A4 02 00 02 EF 06")) == ok)
        let name = applet.respond(to: bytes("00 B2 09 00 00"))
        #expect(name == [0x09, 30, 0xD5, 0xC5, 0xC8, 0xFD] + [UInt8](repeating: 0, count: 26) + ok)
        #expect(applet.respond(to: bytes("00 B2 4E 00 00")) == [0x4E, 20] + [UInt8](repeating: 0, count: 20) + ok)
    }

    @Test("a long name: 15 characters in 09, the rest in 4E")
    func longNameSplit() throws {
        let name = "一二三四五六七八九十百千万亿兆京垓"  // 17 characters of 2 bytes
        var applet = try sscApplet(sscFile(holder: ["name": "\"\(name)\""]))
        _ = applet.respond(to: selectDF)
        let nine = applet.respond(to: bytes("00 B2 02 34 00"))
        #expect(nine.prefix(4) == [0x09, 30, 0xD2, 0xBB])  // 一 = D2 BB
        #expect(Array(nine.dropFirst(2).prefix(30)) == GB18030.encode(String(name.prefix(15))))
        let extensionRecord = applet.respond(to: bytes("00 B2 03 34 00"))
        #expect(extensionRecord == [0x4E, 20] + (GB18030.encode("京垓") ?? []) + [UInt8](repeating: 0, count: 16) + ok)
    }

    @Test("rare 4-byte characters split on a character boundary within 30 bytes")
    func rareCharacterSplit() throws {
        var applet = try sscApplet(sscFile(holder: ["name": "\"\(String(repeating: "𬌗", count: 8))\""]))
        _ = applet.respond(to: selectDF)
        let rare: [UInt8] = [0x99, 0x31, 0xD2, 0x39]
        let nine = applet.respond(to: bytes("00 B2 02 34 00"))
        #expect(nine == [0x09, 30] + Array([[UInt8]](repeating: rare, count: 7).joined()) + [0, 0] + ok)
        #expect(applet.respond(to: bytes("00 B2 03 34 00")) == [0x4E, 20] + rare + [UInt8](repeating: 0, count: 16) + ok)
    }

    @Test("EF05 records: identifier, type, version, institution, BCD dates, card number")
    func issuerRecords() throws {
        var applet = try sscApplet(sscFile())
        _ = applet.respond(to: selectDF)
        _ = applet.respond(to: bytes("00 A4 02 00 02 EF 05"))
        #expect(applet.respond(to: bytes("00 B2 01 00 00")) == [0x01, 16] + Array("110100D156345678".utf8) + ok)
        #expect(applet.respond(to: bytes("00 B2 02 00 00")) == [0x02, 1, 0x33] + ok)
        #expect(applet.respond(to: bytes("00 B2 03 00 00")) == [0x03, 4] + Array("2.00".utf8) + ok)
        #expect(applet.respond(to: bytes("00 B2 04 00 00")) == [0x04, 12] + Array("110100000000".utf8) + ok)
        #expect(applet.respond(to: bytes("00 B2 05 00 00")) == [0x05, 4, 0x20, 0x20, 0x01, 0x02] + ok)
        #expect(applet.respond(to: bytes("00 B2 06 00 00")) == [0x06, 4, 0x20, 0x30, 0x01, 0x02] + ok)
        #expect(applet.respond(to: bytes("00 B2 07 00 00")) == [0x07, 9] + Array("A12345678".utf8) + ok)
        #expect(applet.respond(to: bytes("00 B2 08 00 00")) == [0x6A, 0x83])
    }

    @Test("EF06 record order: gender is record 3 on generation 1, 4 on generation 2")
    func holderRecordOrder() throws {
        for (generation, genderRecord) in [(1, 3), (2, 4), (3, 4)] {
            var applet = try sscApplet(sscFile(ssc: ["generation": "\(generation)"]))
            _ = applet.respond(to: selectDF)
            #expect(applet.respond(to: [0x00, 0xB2, UInt8(genderRecord), 0x34, 0x00]) == [0x0A, 1, 0x31] + ok)
            #expect(applet.respond(to: [0x00, 0xB2, UInt8(genderRecord + 1), 0x34, 0x00]) == [0x0B, 1, 0x01] + ok)
            #expect(applet.respond(to: [0x00, 0xB2, UInt8(genderRecord + 2), 0x34, 0x00]) == [0x0C, 3, 0x11, 0x01, 0x05] + ok)
            #expect(applet.respond(to: [0x00, 0xB2, UInt8(genderRecord + 3), 0x34, 0x00]) == [0x0D, 4, 0x19, 0x49, 0x12, 0x31] + ok)
            #expect(applet.respond(to: [0x00, 0xB2, UInt8(genderRecord + 4), 0x34, 0x00]) == [0x6A, 0x83])
            #expect(applet.respond(to: bytes("00 B2 01 34 00")) == [0x08, 18] + Array("11010519491231002X".utf8) + ok)
        }
    }

    @Test("without a name extension, 4E and EF06 record 3 answer 6A83 and the other records keep their places")
    func noNameExtension() throws {
        var applet = try sscApplet(sscFile(ssc: ["has_name_extension": "false"]))
        _ = applet.respond(to: selectDF)
        #expect(applet.respond(to: bytes("00 B2 03 34 00")) == [0x6A, 0x83])
        #expect(applet.respond(to: bytes("00 B2 04 34 00")) == [0x0A, 1, 0x31] + ok)
        _ = applet.respond(to: bytes("00 A4 02 00 02 EF 06"))
        #expect(applet.respond(to: bytes("00 B2 4E 00 00")) == [0x6A, 0x83])
    }

    @Test("6C style: 6Cxx with the exact length unless Le equals it (Le 00 too)")
    func exactLengthStyle() throws {
        var applet = try sscApplet(sscFile(ssc: ["response_style": "\"6C\""]))
        #expect(applet.respond(to: selectDF + [0x00]) == ok)
        _ = applet.respond(to: bytes("00 A4 02 00 02 EF 06"))
        #expect(applet.respond(to: bytes("00 B2 08 00 00")) == [0x6C, 20])
        #expect(applet.respond(to: bytes("00 B2 08 00 10")) == [0x6C, 20])
        #expect(applet.respond(to: bytes("00 B2 08 00 14")) == [0x08, 18] + Array("11010519491231002X".utf8) + ok)
    }

    @Test("61 style: SELECT and READ RECORD answer 61xx, GET RESPONSE hands the data out once")
    func getResponseStyle() throws {
        var applet = try sscApplet(sscFile(ssc: ["response_style": "\"61\""]))
        #expect(applet.respond(to: selectDF) == [0x61, 19])
        #expect(applet.respond(to: bytes("00 C0 00 00 13")) == [0x6F, 17, 0x84, 15] + Array(selectDF.suffix(15)) + ok)
        #expect(applet.respond(to: bytes("00 B2 07 2C 00")) == [0x61, 11])
        #expect(applet.respond(to: bytes("00 C0 00 00 0B")) == [0x07, 9] + Array("A12345678".utf8) + ok)
        #expect(applet.respond(to: bytes("00 C0 00 00 0B")) == [0x69, 0x85])
    }

    @Test("status words: no EF, other DF or EF, unknown INS, CLA, GET RESPONSE with nothing pending, addressing")
    func statusWords() throws {
        var applet = try sscApplet(sscFile(ssc: ["addressing": "\"tag\""]))
        #expect(applet.respond(to: bytes("00 A4 02 00 02 EF 05")) == [0x6A, 0x82])  // DF not selected yet
        #expect(applet.respond(to: bytes("00 A4 04 00 05 A0 00 00 00 03")) == [0x6A, 0x82])
        #expect(applet.respond(to: selectDF) == ok)
        #expect(applet.respond(to: bytes("00 B2 01 00 00")) == [0x69, 0x86])
        #expect(applet.respond(to: bytes("00 A4 02 00 02 EF 07")) == [0x6A, 0x82])
        #expect(applet.respond(to: bytes("00 B2 01 2C 00")) == [0x6A, 0x86])  // record style not answered
        #expect(applet.respond(to: bytes("00 84 00 00 08")) == [0x6D, 0x00])
        #expect(applet.respond(to: bytes("80 B2 01 00 00")) == [0x6E, 0x00])
        #expect(applet.respond(to: bytes("00 C0 00 00 10")) == [0x69, 0x85])
    }
}

@Suite("Virtual ID-card SAM: GA 467 frames in a PC/SC tunnel")
struct VirtualIDCardTests {
    private let tunnel = bytes("FF B0 00 00")

    private func tunnelled(_ frame: [UInt8]) -> [UInt8] {
        tunnel + [UInt8(frame.count)] + frame + [0x00]
    }

    @Test("the reference frames, byte for byte")
    func referenceFrames() {
        #expect(VirtualFrame.command(0x20, 0x01) == bytes("AA AA AA 96 69 00 03 20 01 22"))
        #expect(VirtualFrame.response(sw3: 0x9F, data: [0, 0, 0, 0]) == bytes("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"))
        #expect(VirtualFrame.response(sw3: 0x80) == bytes("AA AA AA 96 69 00 04 00 00 80 84"))
    }

    @Test("find, select, SAM status: a short frame and 9000")
    func shortAnswers() throws {
        var (sam, _) = try idCardSAM(idCardFile())
        #expect(sam.respond(to: tunnelled(VirtualFrame.command(0x20, 0x01))) == bytes("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97 90 00"))
        #expect(sam.respond(to: tunnelled(VirtualFrame.command(0x20, 0x02))) == VirtualFrame.response(sw3: 0x90, data: [UInt8](repeating: 0, count: 8)) + ok)
        #expect(sam.respond(to: tunnelled(VirtualFrame.command(0x11, 0xFF))) == VirtualFrame.response(sw3: 0x90) + ok)
    }

    @Test("read: a 1295-byte frame in 256-byte chunks with 61xx, then 9000")
    func readChunking() throws {
        var (sam, card) = try idCardSAM(idCardFile())
        var answer = sam.respond(to: tunnelled(VirtualFrame.command(0x30, 0x01)))
        var frame: [UInt8] = []
        var statusWords: [[UInt8]] = []
        while true {
            frame += answer.dropLast(2)
            statusWords.append(Array(answer.suffix(2)))
            guard answer.suffix(2).first == 0x61, let next = answer.last else { break }
            answer = sam.respond(to: [0x00, 0xC0, 0x00, 0x00, next])
        }
        #expect(statusWords == [[0x61, 0x00], [0x61, 0x00], [0x61, 0x00], [0x61, 0x00], [0x61, 0x0F], [0x90, 0x00]])
        #expect(frame.count == 1295)
        #expect(frame.prefix(14) == bytes("AA AA AA 96 69 05 08 00 00 90 01 00 04 00")[...])
        #expect(frame.last == frame[5..<1294].reduce(0, ^))
        #expect(Array(frame[270..<1294]) == card.photo)
        #expect(sam.respond(to: bytes("00 C0 00 00 00")) == [0x69, 0x85])
    }

    @Test("text block: UCS-2LE fields at their offsets, 长期, spaces")
    func textBlock() throws {
        let (_, card) = try idCardSAM(idCardFile())
        let block = IDCardTextBlock.encode(card)
        func text(_ range: Range<Int>) -> String {
            String(decoding: stride(from: range.lowerBound, to: range.upperBound, by: 2).map { UInt16(block[$0]) | UInt16(block[$0 + 1]) << 8 }, as: UTF16.self)
        }
        #expect(block.count == 256)
        #expect(text(0..<30) == "李四" + String(repeating: " ", count: 13))
        #expect(text(30..<32) == "1")
        #expect(text(32..<36) == "01")
        #expect(text(36..<52) == "18800101")
        #expect(text(52..<122).hasPrefix("广东省汕头市潮阳区某街1号 "))
        #expect(text(122..<158) == "440524188001010014")
        #expect(text(158..<188).hasPrefix("汕头市公安局潮阳分局"))
        #expect(text(188..<204) == "20100101")
        #expect(Array(block[204..<208]) == [0x7F, 0x95, 0x1F, 0x67])  // 长期
        #expect(text(204..<220) == "长期      ")
        #expect(text(220..<256) == String(repeating: " ", count: 18))
    }

    @Test("residence permit: no nation, pass number, issue count and the J flag")
    func permitTextBlock() throws {
        let permit = "[permit]\npass_number = \"H60123456\"\nissue_count = 3\n"
        let (_, card) = try idCardSAM(idCardFile(holder: ["id_number": "\"810000198503210040\"", "nation": nil], extra: permit))
        let block = IDCardTextBlock.encode(card)
        #expect(Array(block[32..<36]) == [0x20, 0, 0x20, 0])
        #expect(Array(block[220..<238]) == Array("H60123456".utf16.flatMap { [UInt8($0), 0] }))
        #expect(Array(block[238..<242]) == [0x30, 0, 0x33, 0])
        #expect(Array(block[242..<248]) == [0x20, 0, 0x20, 0, 0x20, 0])
        #expect(Array(block[248..<250]) == [0x4A, 0])
        #expect(Array(block[250..<256]) == [0x20, 0, 0x20, 0, 0x20, 0])
    }

    @Test("bad checksum → SW3 10, bad LEN → 11, unknown command → 21, not a frame → 6A80")
    func frameErrors() throws {
        var (sam, _) = try idCardSAM(idCardFile())
        var badChecksum = VirtualFrame.command(0x20, 0x01)
        badChecksum[badChecksum.count - 1] ^= 0xFF
        #expect(sam.respond(to: tunnelled(badChecksum)) == VirtualFrame.response(sw3: 0x10) + ok)
        var badLength = VirtualFrame.command(0x20, 0x01)
        badLength[6] = 0x05
        #expect(sam.respond(to: tunnelled(badLength)) == VirtualFrame.response(sw3: 0x11) + ok)
        #expect(sam.respond(to: tunnelled(VirtualFrame.command(0x99, 0x01))) == VirtualFrame.response(sw3: 0x21) + ok)
        #expect(sam.respond(to: tunnelled(bytes("01 02 03 04 05 06 07 08"))) == [0x6A, 0x80])
        #expect(sam.respond(to: bytes("00 B0 00 00 00")) == [0x6E, 0x00])
    }
}

// MARK: - vpcd framing against a fake vpcd

/// A vpcd stand-in: listens on an ephemeral port, accepts the card, speaks length-prefixed messages.
private final class FakeVPCD {
    let listener: Int32
    let port: UInt16
    private var connection: Int32 = -1

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw FakeVPCDError.setup
        }
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        if connection >= 0 { close(connection) }
        close(listener)
    }

    func accept() throws {
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 1000) == 1 else { throw FakeVPCDError.timeout }
        connection = Glibc.accept(listener, nil, nil)
        guard connection >= 0 else { throw FakeVPCDError.setup }
    }

    /// Length and payload in two writes, as vpcd does.
    func send(_ payload: [UInt8]) {
        let header: [UInt8] = [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        _ = header.withUnsafeBytes { Glibc.send(connection, $0.baseAddress, 2, Int32(MSG_NOSIGNAL)) }
        _ = payload.withUnsafeBytes { Glibc.send(connection, $0.baseAddress, payload.count, Int32(MSG_NOSIGNAL)) }
    }

    /// The next message; nil at end of stream; throws when nothing comes within `timeout` ms.
    func receive(timeout: Int32 = 1000) throws -> [UInt8]? {
        guard let header = try read(2, timeout: timeout) else { return nil }
        return try read(Int(header[0]) << 8 | Int(header[1]), timeout: timeout)
    }

    private func read(_ count: Int, timeout: Int32) throws -> [UInt8]? {
        var buffer: [UInt8] = []
        while buffer.count < count {
            var poller = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, timeout) == 1 else { throw FakeVPCDError.timeout }
            var chunk = [UInt8](repeating: 0, count: count - buffer.count)
            let received = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { return nil }
            buffer += chunk.prefix(received)
        }
        return buffer
    }
}

private enum FakeVPCDError: Error {
    case setup
    case timeout
}

@Suite("Virtual cards over the vpcd protocol (fake vpcd, no pcscd)")
struct VirtualCardVPCDTests {
    private func inserted(_ toml: String = sscFile()) throws -> (FakeVPCD, VirtualCardSession, VirtualCardFile) {
        let vpcd = try FakeVPCD()
        let file = try load(toml)
        let session = try VirtualCard(file).insert(port: vpcd.port)
        try vpcd.accept()
        return (vpcd, session, file)
    }

    @Test("ATR on 04, a SELECT answered 9000, control bytes unanswered, remove() closes")
    func framing() throws {
        let (vpcd, session, file) = try inserted()
        vpcd.send([0x01])  // power on: no reply
        vpcd.send([0x04])
        #expect(try vpcd.receive() == file.atr)
        vpcd.send(selectDF)
        #expect(try vpcd.receive() == ok)
        vpcd.send(bytes("00 A4 02 00 02 EF 05"))
        #expect(try vpcd.receive() == ok)
        #expect(session.commandsAnswered == 2)
        #expect(session.isConnected)
        session.remove()
        #expect(!session.isConnected)
        #expect(try vpcd.receive() == nil)
        #expect(session.waitUntilClosed(timeout: .milliseconds(10)))
        session.remove()
    }

    @Test("a reset (02) returns the card to the master file")
    func resetControl() throws {
        let (vpcd, session, _) = try inserted()
        defer { session.remove() }
        vpcd.send(selectDF)
        #expect(try vpcd.receive() == ok)
        vpcd.send([0x02])
        vpcd.send(bytes("00 A4 02 00 02 EF 05"))
        #expect(try vpcd.receive() == [0x6A, 0x82])
    }

    @Test("pull fault: the socket closes when the n-th command arrives, unanswered")
    func pullFault() throws {
        let (vpcd, session, _) = try inserted(sscFile(extra: "[fault]\nkind = \"pull\"\nfrom_command = 2\n"))
        vpcd.send(selectDF)
        #expect(try vpcd.receive() == ok)
        vpcd.send(bytes("00 A4 02 00 02 EF 05"))
        #expect(try vpcd.receive() == nil)
        #expect(session.waitUntilClosed(timeout: .seconds(1)))
        #expect(session.commandsAnswered == 1)
    }

    @Test("silent fault: commands go unanswered, ATR requests still answered")
    func silentFault() throws {
        let (vpcd, session, file) = try inserted()
        defer { session.remove() }
        session.setFault(.silentAfter(commands: 1))
        vpcd.send(selectDF)
        #expect(throws: FakeVPCDError.self) { try vpcd.receive(timeout: 100) }
        vpcd.send([0x04])
        #expect(try vpcd.receive() == file.atr)
        #expect(session.commandsAnswered == 0)
        #expect(session.isConnected)
    }

    @Test("status word, truncated and garbage faults set at run time")
    func answerFaults() throws {
        let (vpcd, session, _) = try inserted()
        defer { session.remove() }
        session.setFault(.statusWord(0x6F00, afterCommands: 2))
        vpcd.send(selectDF)
        #expect(try vpcd.receive() == ok)
        vpcd.send(selectDF)
        #expect(try vpcd.receive() == [0x6F, 0x00])
        session.setFault(.truncated(afterCommands: 1))
        vpcd.send(bytes("00 A4 02 00 02 EF 05"))
        #expect(try vpcd.receive() == [0x90])
        session.setFault(.garbage(afterCommands: 1))
        vpcd.send(bytes("00 B2 01 00 00"))
        #expect(try #require(try vpcd.receive()).count <= 300)
        session.setFault(nil)
        vpcd.send(bytes("00 B2 02 00 00"))
        #expect(try vpcd.receive() == [0x02, 1, 0x33] + ok)
        #expect(session.commandsAnswered == 5)
    }

    @Test("the ID-card SAM answers through vpcd in chunks")
    func idCardOverVPCD() throws {
        let (vpcd, session, _) = try inserted(idCardFile())
        defer { session.remove() }
        let frame = VirtualFrame.command(0x30, 0x01)
        vpcd.send(bytes("FF B0 00 00") + [UInt8(frame.count)] + frame + [0x00])
        let first = try #require(try vpcd.receive())
        #expect(first.count == 258)
        #expect(first.suffix(2) == [0x61, 0x00])
    }

    @Test("nothing listening: a clear error")
    func nothingListening() throws {
        let port = try FakeVPCD().port  // closed again at once
        let card = VirtualCard(try load(sscFile()))
        #expect(throws: VirtualCardConnectionError.nothingListening(host: "127.0.0.1", port: port)) {
            try card.insert(port: port)
        }
    }
}
