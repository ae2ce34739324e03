import KioskCore
import Testing

@Suite("AIM symbology identifiers and what scanner types show of a code")
struct AIMSymbologyTests {
    @Test("known code characters are named", arguments: [
        ("]Q1", "QR Code"), ("]C0", "Code 128"), ("]E0", "EAN/UPC"), ("]d2", "Data Matrix"), ("]L0", "PDF417"),
        ("]A0", "Code 39"), ("]I1", "Interleaved 2 of 5"), ("]z0", "Aztec"), ("]e0", "GS1 DataBar"), ("]X9", "AIM ]X9"),
    ])
    func names(identifier: String, name: String) throws {
        let symbology = try #require(AIMSymbology(identifier: identifier))
        #expect(symbology.identifier == identifier)
        #expect(symbology.name == name)
        #expect("\(symbology)" == "\(name) \(identifier)")
    }

    @Test("anything but ] + letter + letter or digit is refused", arguments: [
        "", "]", "]Q", "Q1]", "]1Q", "]Q-", "]Q1x", "[Q1", "]Ｑ1", "]Q١", "]\u{0}1",
    ])
    func invalid(identifier: String) {
        #expect(AIMSymbology(identifier: identifier) == nil)
    }

    @Test("a decoded scan and a decode result never show the code")
    func descriptions() {
        let scan = DecodedScan(text: ScanSample.wechat, symbology: AIMSymbology(identifier: "]Q1"))
        #expect("\(scan)" == "decoded scan (18 characters, QR Code ]Q1)")
        #expect(!"\(ScanDecodeResult.scan(scan))".contains(ScanSample.wechat))
        #expect(!String(reflecting: scan).contains(ScanSample.wechat))
    }

    @Test("the decoders' descriptions say how much is pending, never what")
    func decoderDescriptions() {
        var keyboard = KeyboardScanDecoder()
        _ = keyboard.decode(report: TestKeyboardReports.key(0x1E), at: .zero)
        #expect("\(keyboard)" == "keyboard scan decoder (1 character pending)")
        var hidPOS = HIDPOSDecoder()
        _ = hidPOS.decode(report: TestHIDPOSReports.report(Array("134567".utf8), continues: true))
        #expect("\(hidPOS)" == "HID POS decoder (1 report of 6 bytes pending)")
    }
}
