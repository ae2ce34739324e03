import KioskCore
import Testing

@Suite("HID POS decoder: reports, continuation, AIM identifiers, malformed reports")
struct HIDPOSDecoderTests {
    /// Every report of the stream through one decoder; the results that are not `.pending`.
    func decode(_ reports: [[UInt8]], _ decoder: inout HIDPOSDecoder) -> [ScanDecodeResult] {
        reports.map { decoder.decode(report: $0) }.filter { $0 != .pending }
    }

    func decode(_ reports: [[UInt8]], layout: HIDPOSReportLayout = .standard) -> [ScanDecodeResult] {
        var decoder = HIDPOSDecoder(layout: layout)
        return decode(reports, &decoder)
    }

    func reason(_ result: ScanDecodeResult?) -> String? {
        guard case .discarded(let reason) = result else { return nil }
        return reason
    }

    @Test("a pay code in one report, with its AIM identifier")
    func singleReport() throws {
        let results = decode(TestHIDPOSReports.reports(ScanSample.wechat))
        #expect(results == [.scan(DecodedScan(text: ScanSample.wechat, symbology: AIMSymbology(identifier: "]Q1")))])
        guard case .scan(let scan) = results.first else { return }
        #expect(scan.symbology?.name == "QR Code")
    }

    @Test("a code over several reports is joined when the continuation flag clears")
    func continuation() {
        let text = ScanSample.esscURL + ScanSample.esscURL
        let reports = TestHIDPOSReports.reports(text)
        #expect(reports.count == 4)
        var decoder = HIDPOSDecoder()
        for report in reports.dropLast() { #expect(decoder.decode(report: report) == .pending) }
        #expect(reports.last.map { decoder.decode(report: $0) } == .scan(DecodedScan(text: text, symbology: AIMSymbology(identifier: "]Q1"))))
    }

    @Test("the symbology comes from the first report of the code")
    func symbologyOfFirstReport() {
        let first = TestHIDPOSReports.report(Array("part one ".utf8), aim: "]d2", continues: true)
        let second = TestHIDPOSReports.report(Array("part two".utf8), aim: nil)
        #expect(decode([first, second]) == [.scan(DecodedScan(text: "part one part two", symbology: AIMSymbology(identifier: "]d2")))])
    }

    @Test("zero AIM bytes or a malformed identifier mean no symbology")
    func noSymbology() {
        #expect(decode(TestHIDPOSReports.reports(ScanSample.wechat, aim: nil)) == [.scan(DecodedScan(text: ScanSample.wechat))])
        #expect(decode(TestHIDPOSReports.reports(ScanSample.wechat, aim: "Q1]")) == [.scan(DecodedScan(text: ScanSample.wechat))])
    }

    @Test("trailing CR and LF are stripped, also when split over reports; inner ones stay")
    func lineEndsStripped() {
        #expect(decode(TestHIDPOSReports.reports(ScanSample.wechat + "\r\n")) == [.scan(DecodedScan(text: ScanSample.wechat, symbology: AIMSymbology(identifier: "]Q1")))])
        let split = [
            TestHIDPOSReports.report(Array("line 1\r\nline 2\r".utf8), aim: "]L0", continues: true),
            TestHIDPOSReports.report([0x0A], aim: "]L0"),
        ]
        #expect(decode(split) == [.scan(DecodedScan(text: "line 1\r\nline 2", symbology: AIMSymbology(identifier: "]L0")))])
    }

    @Test("UTF-8 text is decoded")
    func utf8() {
        #expect(decode(TestHIDPOSReports.reports(ScanSample.chinese, chunk: 10)) == [.scan(DecodedScan(text: ScanSample.chinese, symbology: AIMSymbology(identifier: "]Q1")))])
    }

    @Test("reports with another ID are ignored, also in the middle of a code")
    func otherReportID() {
        var decoder = HIDPOSDecoder()
        let foreign = TestHIDPOSReports.report(Array("status".utf8), reportID: 0x04)
        #expect(decoder.decode(report: foreign) == .pending)
        let reports = TestHIDPOSReports.reports(ScanSample.esscURL)
        #expect(decode([reports[0], foreign, reports[1]], &decoder) == [.scan(DecodedScan(text: ScanSample.esscURL, symbology: AIMSymbology(identifier: "]Q1")))])
    }

    @Test("a length byte larger than the report holds is refused, and the next report starts fresh")
    func lengthTooLarge() {
        var decoder = HIDPOSDecoder(layout: HIDPOSReportLayout(continuationOffset: nil))
        let report = [0x02, 12, 0x5D, 0x51, 0x31] + Array("13456".utf8) + [0, 0, 0, 0]
        let results = decode([report] + TestHIDPOSReports.reports(ScanSample.wechat), &decoder)
        #expect(reason(results.first) == "HID POS report shorter than its length byte (12 > 9); code dropped")
        #expect(results.dropFirst() == [.scan(DecodedScan(text: ScanSample.wechat, symbology: AIMSymbology(identifier: "]Q1")))])
    }

    @Test("data running into the continuation flag is refused")
    func dataOverFlag() {
        let report = TestHIDPOSReports.report(Array(repeating: UInt8(ascii: "7"), count: 58), length: 59)
        let results = decode([report])
        #expect(reason(results.first) == "HID POS data (59 bytes) runs into the continuation flag at byte 62; code dropped")
    }

    @Test("reports too short for the length byte, the data or the continuation flag are refused", arguments: [
        ([UInt8](), "empty HID POS report; code dropped"),
        ([0x02], "HID POS report too short for its length byte (0 bytes, length at byte 0); code dropped"),
        ([0x02, 0, 0x5D], "HID POS report too short for its data (2 bytes, data at byte 4); code dropped"),
        ([0x02, 0, 0x5D, 0x51, 0x31], "HID POS report too short for its continuation flag (4 bytes, flag at byte 62); code dropped"),
    ])
    func tooShort(report: [UInt8], message: String) {
        #expect(reason(decode([report]).first) == message)
    }

    @Test("a report too short for its symbology bytes is refused")
    func tooShortForSymbology() {
        let layout = HIDPOSReportLayout(symbologyOffset: 5, dataOffset: 1, continuationOffset: nil)
        #expect(reason(decode([[0x02, 0]], layout: layout).first) == "HID POS report too short for its symbology bytes (1 byte, symbology at byte 5); code dropped")
    }

    @Test("invalid UTF-8 is refused without showing the bytes")
    func invalidUTF8() {
        let results = decode([TestHIDPOSReports.report([0x31, 0x32, 0xC3, 0x28, 0x33])])
        #expect(reason(results.first) == "HID POS code of 5 bytes dropped: not valid UTF-8")
    }

    @Test("a code with no data, or only a line end, is refused")
    func empty() {
        #expect(reason(decode([TestHIDPOSReports.report([])]).first) == "HID POS code with no data dropped (1 report)")
        let endsOnly = [TestHIDPOSReports.report([], continues: true), TestHIDPOSReports.report([0x0D, 0x0A])]
        #expect(reason(decode(endsOnly).first) == "HID POS code with no data dropped (2 reports)")
    }

    @Test("a code longer than 4096 bytes is refused and its remaining reports are skipped")
    func overlong() {
        let text = String(repeating: "0123456789", count: 420)
        let results = decode(TestHIDPOSReports.reports(text) + TestHIDPOSReports.reports(ScanSample.wechat))
        #expect(results.count == 2)
        #expect(reason(results.first)?.hasPrefix("code longer than 4096 bytes; partial code of ") == true)
        #expect(results.last == .scan(DecodedScan(text: ScanSample.wechat, symbology: AIMSymbology(identifier: "]Q1"))))
        let exactly = String(repeating: "0123456789abcdef", count: 256)
        #expect(decode(TestHIDPOSReports.reports(exactly)) == [.scan(DecodedScan(text: exactly, symbology: AIMSymbology(identifier: "]Q1")))])
    }

    @Test("a malformed report in the middle of a code drops it; its tail never comes out as a code")
    func brokenMiddle() {
        let text = String(repeating: ScanSample.esscURL, count: 3)
        var reports = TestHIDPOSReports.reports(text)
        #expect(reports.count == 6)
        reports[2][1] = 60
        let results = decode(reports + TestHIDPOSReports.reports(ScanSample.alipay))
        #expect(reason(results.first) == "HID POS report shorter than its length byte (60 > 59); partial code of 112 bytes dropped")
        #expect(results.dropFirst() == [.scan(DecodedScan(text: ScanSample.alipay, symbology: AIMSymbology(identifier: "]Q1")))])
    }

    @Test("a layout without report ID and continuation flag")
    func plainLayout() {
        let layout = HIDPOSReportLayout(reportID: nil, lengthOffset: 3, symbologyOffset: 0, dataOffset: 4, continuationOffset: nil)
        let report = Array("]E0".utf8) + [13] + Array("6901234567892".utf8)
        #expect(decode([report], layout: layout) == [.scan(DecodedScan(text: "6901234567892", symbology: AIMSymbology(identifier: "]E0")))])
    }

    @Test("refusal reasons never contain the code")
    func reasonsWithoutContent() {
        var reports = TestHIDPOSReports.reports(ScanSample.wechat)
        reports[0][1] = 70
        let invalid = TestHIDPOSReports.report(Array(ScanSample.unionpay.utf8) + [0xFF])
        for result in decode(reports + [invalid]) {
            let text = reason(result) ?? ""
            #expect(!text.isEmpty)
            for secret in [ScanSample.wechat, ScanSample.unionpay] { #expect(!text.contains(secret.prefix(6))) }
        }
    }

    @Test("the standard layout is the de-facto one")
    func standardLayout() {
        #expect(HIDPOSReportLayout.standard == HIDPOSReportLayout(reportID: 0x02, lengthOffset: 0, symbologyOffset: 1, dataOffset: 4, continuationOffset: 62))
    }
}
