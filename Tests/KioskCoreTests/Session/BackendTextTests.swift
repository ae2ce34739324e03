import Foundation
import KioskCore
import Testing

@Suite("text and URLs from the backend are bounded before the screen or the paper shows them")
struct BackendTextTests {
    @Test("one line, no invisible or reordering characters, at most so many characters")
    func lines() {
        // U+202E (right-to-left override) would show "付款成功" backwards-disguised text; U+200B hides a break.
        #expect(BackendText.line("请到\u{202E}窗口\u{200B}办理\n\n  医保\t缴费", limit: 40) == "请到窗口办理 医保 缴费")
        #expect(BackendText.line(String(repeating: "长", count: 300), limit: 120).map { ($0.count, $0.hasSuffix("…")) }! == (120, true))
        #expect(BackendText.line(" \u{2028}\u{0007} ", limit: 40) == nil)
        #expect(BackendText.line(nil, limit: 40) == nil)
        #expect(BackendText.required("\u{FEFF}", limit: 40) == "")
        #expect(BackendText.line("李䶮 𬌗", limit: 40) == "李䶮 𬌗", "rare characters are kept")
    }

    @Test("a QR's URL: https, a payment app's scheme or this machine's sandbox; nothing with spaces or control characters")
    func qrURLs() {
        for good in ["https://qr.alipay.com/bax01234", "weixin://wxpay/bizpayurl?pr=abc123", "http://127.0.0.1:8099/qr/p-1",
                     "https://qr.95516.com/00010000/62"] {
            #expect(BackendText.qrURL(good) == good, "\(good)")
        }
        for bad in ["javascript:alert(1)", "http://10.0.0.5/pay", "weixin://dl/business", "https://evil.example/a b",
                    "https://x.example/\u{202E}gpj", "ftp://x.example/", "https:///nohost", "https://x.example/" + String(repeating: "a", count: 600)] {
            #expect(BackendText.qrURL(bad) == nil, "\(bad)")
        }
    }
}
