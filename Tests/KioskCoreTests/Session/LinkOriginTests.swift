import Foundation
import KioskCore
import Testing

/// Review L2: a QR the kiosk shows or prints points only where kiosk.conf says it may.
@Suite("the QRs on the screen and the receipt point only to configured origins")
struct LinkOriginTests {
    @Test("an origin is a scheme and host (and a port not the scheme's own); anything that could be read two ways is refused")
    func origins() {
        #expect(URLOrigin("https://qr.alipay.com")?.description == "https://qr.alipay.com")
        #expect(URLOrigin("HTTPS://QR.95516.com/")?.description == "https://qr.95516.com")
        #expect(URLOrigin("https://verify.example.gov.cn:443")?.description == "https://verify.example.gov.cn")
        #expect(URLOrigin("https://verify.example.gov.cn:8443")?.description == "https://verify.example.gov.cn:8443")
        #expect(URLOrigin("weixin://wxpay")?.description == "weixin://wxpay")
        #expect(URLOrigin("http://127.0.0.1:8099")?.description == "http://127.0.0.1:8099")
        for bad in ["qr.alipay.com", "https://qr.alipay.com/pay", "https://qr.alipay.com?x=1", "https://user@qr.alipay.com",
                    "http://qr.alipay.com", "weixin://dl", "javascript://x", "ftp://x.example", "https://", "",
                    "https://*.alipay.com", "https://qr.alipay.com.", "https://qr..alipay.com", "https://qr_alipay.com"] {
            #expect(URLOrigin(bad) == nil, "\(bad)")
            #expect(URLOrigin.problem(bad)?.contains("is not an origin") == true, "\(bad)")
        }
    }

    @Test("a link is on an origin only when scheme, host and port all match")
    func matching() {
        let alipay = URLOrigin("https://qr.alipay.com")!
        #expect(alipay.contains("https://qr.alipay.com/bax01234"))
        #expect(alipay.contains("https://QR.ALIPAY.COM:443/bax01234"))
        for other in ["https://qr.alipay.com.evil.example/bax", "https://evil.example/qr.alipay.com", "http://qr.alipay.com/bax",
                      "https://qr.alipay.com:8443/bax", "https://qr.alipay.com@evil.example/bax", "https://x.qr.alipay.com/bax", "not a url",
                      "https://evil.example\\@qr.alipay.com/bax", "https://qr.alipay.com./bax"] {
            #expect(!alipay.contains(other), "\(other)")
        }
        #expect(URLOrigin.paymentNetworks.allow("weixin://wxpay/bizpayurl?pr=abc123"))
        #expect(URLOrigin.paymentNetworks.allow("https://qr.95516.com/00010000/62"))
        #expect(!URLOrigin.paymentNetworks.allow("https://pay.merchant.example/qr/1"))
    }

    @Test("a pay link off the configured origins is never shown: the payment is reversed unpaid and the resident told in Chinese")
    func refusedPayLink() {
        var machine = StateCatalog.machine(in: .choosingMethod)
        machine.feed(.methodChosen(.onScreenQR), .printerChecked(.ready()), .paymentIntentJournaled(idempotencyKey: Sample.key))
        var foreign = Sample.snapshot(.pending, method: .onScreenQR)
        foreign.qrURL = "https://pay.merchant.example/qr/\(Sample.paymentID)"
        let actions = machine.feed(.paymentSubmitted(foreign))
        #expect(actions.contains(.reversePayment(paymentID: Sample.paymentID, idempotencyKey: Sample.key + "-reverse")))
        #expect(machine.state.kind == .reversing, "never showingQR")
        machine.feed(.paymentReversed(Sample.snapshot(.reversed, method: .onScreenQR)))
        guard case .paymentFailed(_, let problem) = machine.state else { Issue.record("\(machine.state.kind)"); return }
        #expect(problem.code == .paymentQRRefused)
        #expect(ResidentMessage.text(for: problem).hasPrefix("本机暂时无法显示收款二维码，未扣款"))

        var missing = StateCatalog.machine(in: .choosingMethod)
        missing.feed(.methodChosen(.onScreenQR), .printerChecked(.ready()), .paymentIntentJournaled(idempotencyKey: Sample.key))
        var none = Sample.snapshot(.pending, method: .onScreenQR)
        none.qrURL = nil
        missing.feed(.paymentSubmitted(none))
        #expect(missing.state.kind == .reversing, "a pending QR payment without a link is not shown either")

        var allowed = StateCatalog.machine(in: .choosingMethod)
        allowed.feed(.methodChosen(.onScreenQR), .printerChecked(.ready()), .paymentIntentJournaled(idempotencyKey: Sample.key))
        allowed.feed(.paymentSubmitted(Sample.snapshot(.pending, method: .onScreenQR)))
        #expect(allowed.state.kind == .showingQR)
    }

    @Test("a receipt's checking link off the configured origins is left off the paper; its codes stay")
    func refusedVerificationLink() {
        var machine = StateCatalog.machine(in: .fetchingReceipt)
        var phishing = Sample.receipt()
        phishing.verificationURL = "https://verify.phish.example/?code=32060021"
        let actions = machine.feed(.receiptFetched(phishing))
        var expected = phishing
        expected.verificationURL = ""
        #expect(actions.contains(.printDocument(.electronicReceipt(expected))))

        var kept = StateCatalog.machine(in: .fetchingReceipt)
        #expect(kept.feed(.receiptFetched(Sample.receipt())).contains(.printDocument(.electronicReceipt(Sample.receipt()))))
    }
}
