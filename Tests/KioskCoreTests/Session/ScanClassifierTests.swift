import KioskCore
import Testing

@Suite("scan classifier: pay codes, e-SSC codes, ID numbers")
struct ScanClassifierTests {
    @Test("pay codes of the three channels")
    func payCodes() {
        guard case .payCode(let code) = ScanClassifier.classify("134567890123456791\r\n") else { Issue.record("not a pay code"); return }
        #expect(code.channel == .wechat)
        guard case .payCode(let alipay) = ScanClassifier.classify("2812345678901234596") else { Issue.record("not a pay code"); return }
        #expect(alipay.channel == .alipay)
    }

    @Test("e-SSC tokens, ID numbers and anything else")
    func others() {
        #expect(ScanClassifier.classify("essc-demo-zhang-jianguo") == .esscToken("essc-demo-zhang-jianguo"))
        guard case .idNumber(let number) = ScanClassifier.classify("320602196005120210") else { Issue.record("not an ID number"); return }
        #expect(number.masked == "3206**********0210")
        #expect(ScanClassifier.classify("991234") == .other)
        #expect(ScanClassifier.classify("https://example.com/") == .other)
        #expect(ScanClassifier.classify("") == .other)
    }

    @Test("a scan never shows its text")
    func masked() {
        let scan = BarcodeScan(text: "134567890123456791")
        #expect(!"\(scan)".contains("134567890123456791"))
        #expect(!"\(scan.classification)".contains("1345678901234567"))
    }
}
