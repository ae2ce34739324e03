import KioskCore
import Testing

/// What the serial back end relies on beyond the frame itself: each command's answer shape (GA 467
/// frames carry no sequence number) and the SAM number's text.
@Suite("GA 467 on a serial line: answer shapes and the SAM number")
struct GA467SerialAnswerTests {
    @Test("each command accepts its own success answer and any data-less failure, and not another command's success")
    func answerShapes() {
        let found = GA467Response(sw3: 0x9F, data: [0, 0, 0, 0])
        let selected = GA467Response(sw3: 0x90, data: [UInt8](repeating: 0, count: 8))
        let samNumber = GA467Response(sw3: 0x90, data: [UInt8](repeating: 1, count: 16))
        let samOK = GA467Response(sw3: 0x90)
        let read = GA467Response(sw3: 0x90, data: [0x01, 0x00, 0x04, 0x00] + [UInt8](repeating: 0, count: 1280))
        let noCard = GA467Response(sw3: 0x80)
        #expect(GA467Command.findCard.accepts(found) && GA467Command.findCard.accepts(noCard))
        #expect(!GA467Command.findCard.accepts(selected) && !GA467Command.findCard.accepts(samOK))
        #expect(GA467Command.selectCard.accepts(selected) && !GA467Command.selectCard.accepts(found) && !GA467Command.selectCard.accepts(samOK))
        #expect(GA467Command.readTextAndPhoto.accepts(read) && !GA467Command.readTextAndPhoto.accepts(samOK) && !GA467Command.readTextAndPhoto.accepts(found))
        #expect(GA467Command.samStatus.accepts(samOK) && !GA467Command.samStatus.accepts(selected))
        #expect(GA467Command.samNumber.accepts(samNumber) && !GA467Command.samNumber.accepts(selected))
        // A failure carries no data, whoever it answers.
        #expect(!GA467Command.selectCard.accepts(GA467Response(sw3: 0x81, data: [1])))
    }

    @Test("the SAM number reads as sdtapi's SDT_GetSAMIDToStr prints it (github.com/libinqi/idr-routon)")
    func samNumber() throws {
        // 05.01-20101010-0012345678-1234567890: little-endian 5, 1, 20101010, 12345678, 1234567890.
        let bytes: [UInt8] = [0x05, 0x00, 0x01, 0x00, 0x92, 0xB7, 0x32, 0x01, 0x4E, 0x61, 0xBC, 0x00, 0xD2, 0x02, 0x96, 0x49]
        let number = try #require(GA467SAMNumber(bytes))
        #expect(number.description == "05.01-20101010-0012345678-1234567890")
        #expect(number.hex == "05000100" + "92B73201" + "4E61BC00" + "D2029649")
        #expect(GA467SAMNumber(Array(bytes.prefix(15))) == nil)
    }
}
