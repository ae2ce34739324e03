import Foundation
import KioskCore
import Testing

@Suite("scan reports for kioskctl scanner watch: kinds and masks")
struct ScanReportTests {
    static let device = "Newland NLS-FM430 1eab:1d06"

    @Test("pay codes keep their last four digits and name their channel", arguments: [
        (ScanSample.wechat, "wechat", "**************6791"),
        (ScanSample.alipay, "alipay", "********************2345"),
        (ScanSample.unionpay, "unionpay", "***************4567"),
    ])
    func payCodes(text: String, channel: String, masked: String) {
        let report = ScanReport(scan: BarcodeScan(text: text), device: Self.device, mode: .keyboard, symbology: nil)
        #expect(report == ScanReport(scan: BarcodeScan(text: text), device: Self.device, mode: .keyboard, symbology: nil))
        #expect(report.kind == "payCode")
        #expect(report.channel == channel)
        #expect(report.masked == masked)
        #expect(report.length == text.count)
        #expect(report.symbology == nil)
    }

    @Test("ID numbers keep their first and last four; e-SSC tokens and other codes only their length")
    func otherKinds() {
        let qr = AIMSymbology(identifier: "]Q1")
        let id = ScanReport(scan: BarcodeScan(text: ScanSample.idNumber), device: Self.device, mode: .hidPOS, symbology: AIMSymbology(identifier: "]C0"))
        #expect((id.kind, id.masked, id.channel, id.symbology) == ("idNumber", "3206**********0210", nil, "]C0"))
        let token = ScanReport(scan: BarcodeScan(text: ScanSample.esscToken), device: Self.device, mode: .hidPOS, symbology: qr)
        #expect((token.kind, token.masked, token.length) == ("esscToken", "e-SSC token (34 characters)", 34))
        let other = ScanReport(scan: BarcodeScan(text: "https://example.com/a"), device: Self.device, mode: .hidPOS, symbology: nil)
        #expect((other.kind, other.masked, other.length) == ("other", "21 characters", 21))
    }

    @Test("the symbology falls back to the scan's own")
    func symbologyFromScan() {
        let scan = BarcodeScan(text: ScanSample.wechat, symbology: AIMSymbology(identifier: "]Q1"))
        #expect(ScanReport(scan: scan, device: Self.device, mode: .hidPOS, symbology: nil).symbology == "]Q1")
        #expect(ScanReport.kind(of: scan.classification) == "payCode")
    }

    @Test("the JSON has the documented fields and none of the code")
    func json() throws {
        let scan = BarcodeScan(text: ScanSample.wechat)
        let report = ScanReport(scan: scan, device: Self.device, mode: .hidPOS, symbology: AIMSymbology(identifier: "]Q1"))
        let data = try JSONEncoder().encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains(ScanSample.wechat.prefix(14)))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["device", "mode", "symbology", "kind", "channel", "masked", "length"])
        #expect(object["mode"] as? String == "hid-pos")
        #expect(try JSONDecoder().decode(ScanReport.self, from: data) == report)
    }

    @Test("pay code masking keeps the last four", arguments: [
        ("134567890123456791", "**************6791"), ("12345", "*2345"), ("1234", "****"), ("", ""),
    ])
    func payCodeMask(digits: String, masked: String) {
        #expect(PersonalDataMasking.payCode(digits) == masked)
    }
}
