import KioskCore
import Testing

@Suite("keyboard-emulation decoder: usage IDs, shift, held keys, Enter, inter-key timeout")
struct KeyboardScanDecoderTests {
    typealias Reports = TestKeyboardReports

    func reason(_ result: ScanDecodeResult?) -> String? {
        guard case .discarded(let reason) = result else { return nil }
        return reason
    }

    @Test("digits and Enter make a pay code, without symbology")
    func payCode() {
        var feed = KeyboardFeed()
        #expect(feed.feed(Reports.typing(ScanSample.wechat)) == [.scan(DecodedScan(text: ScanSample.wechat))])
    }

    @Test("letters, shift on either side, and the US symbols of every key")
    func shiftAndSymbols() {
        var feed = KeyboardFeed()
        #expect(feed.feed(Reports.typing(ScanSample.esscURL)) == [.scan(DecodedScan(text: ScanSample.esscURL))])
        let rightShift = [Reports.key(0x04, modifiers: 0x20), Reports.release, Reports.key(0x04), Reports.release, Reports.key(0x1F, modifiers: 0x22), Reports.key(0x28)]
        #expect(feed.feed(rightShift) == [.scan(DecodedScan(text: "Aa@"))])
        let symbols = #"!@#$%^&*()-_=+[{]}\|;:'",<.>/?`~ "#
        #expect(feed.feed(Reports.typing(symbols)) == [.scan(DecodedScan(text: symbols))])
    }

    @Test("a held key counts once; pressing it again after release counts again")
    func heldKeys() {
        var feed = KeyboardFeed()
        let one = Reports.key(0x1E)
        let reports = [one, one, one, Reports.release, one, Reports.release, Reports.key(0x28), Reports.key(0x28), Reports.release]
        #expect(feed.feed(reports) == [.scan(DecodedScan(text: "11"))])
    }

    @Test("several new keys in one report are taken in array order; held ones are not repeated")
    func rollover() {
        var feed = KeyboardFeed()
        let reports: [[UInt8]] = [
            [0, 0, 0x1E, 0x1F, 0x20, 0, 0, 0],
            [0, 0, 0x1E, 0x1F, 0x20, 0x21, 0, 0],
            [0, 0, 0x21, 0, 0, 0, 0, 0],
            [0, 0, 0x22, 0x21, 0, 0, 0, 0],
            [0, 0, 0x28, 0, 0, 0, 0, 0],
        ]
        #expect(feed.feed(reports) == [.scan(DecodedScan(text: "12345"))])
    }

    @Test("a usage listed twice in one report counts once")
    func listedTwice() {
        var feed = KeyboardFeed()
        #expect(feed.feed([[0, 0, 0x1E, 0x1E, 0x1F, 0, 0, 0], Reports.release, Reports.key(0x28)]) == [.scan(DecodedScan(text: "12"))])
        let rollOverError: [UInt8] = [0, 0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01]
        #expect(feed.feed([Reports.key(0x1E), rollOverError, Reports.release, Reports.key(0x28)]) == [.discarded("unknown key usage 0x01; partial code of 1 character dropped")])
    }

    @Test("keypad digits and keypad Enter")
    func keypad() {
        var feed = KeyboardFeed()
        let digits = (0x59...0x62).flatMap { [Reports.key(UInt8($0)), Reports.release] }
        #expect(feed.feed(digits + [Reports.key(0x58)]) == [.scan(DecodedScan(text: "1234567890"))])
    }

    @Test("tab and space are part of the code")
    func tabAndSpace() {
        var feed = KeyboardFeed()
        #expect(feed.feed(Reports.typing("a\tb c")) == [.scan(DecodedScan(text: "a\tb c"))])
    }

    @Test("Enter with nothing typed, and key-up reports, give nothing")
    func enterAlone() {
        var feed = KeyboardFeed()
        #expect(feed.feed([Reports.release, Reports.key(0x28), Reports.release, Reports.key(0x58), Reports.release]) == [])
        #expect(feed.decoder.pendingDeadline == nil)
    }

    @Test("a partial code expires after the inter-key timeout; the deadline says when")
    func expiry() throws {
        var feed = KeyboardFeed()
        #expect(feed.decoder.pendingDeadline == nil)
        #expect(feed.feed(Reports.typing("1345678", enter: false)) == [])
        let lastKey = feed.now - feed.step
        let deadline = try #require(feed.decoder.pendingDeadline)
        #expect(deadline == lastKey + .milliseconds(100))
        #expect(feed.decoder.expire(at: deadline - .milliseconds(1)) == .pending)
        #expect(feed.decoder.expire(at: lastKey + .milliseconds(120)) == .discarded("partial code of 7 characters dropped after 120 ms without a key"))
        #expect(feed.decoder.pendingDeadline == nil)
        #expect(feed.decoder.expire(at: lastKey + .seconds(5)) == .pending)
    }

    @Test("a key after the timeout drops the old partial code and starts the next one")
    func lateKeyRestarts() {
        var decoder = KeyboardScanDecoder(interKeyTimeout: .milliseconds(50))
        let start = Duration.zero
        #expect(decoder.decode(report: Reports.key(0x1E), at: start) == .pending)
        #expect(decoder.decode(report: Reports.release, at: start + .milliseconds(5)) == .pending)
        let late = decoder.decode(report: Reports.key(0x1F), at: start + .milliseconds(80))
        #expect(late == .discarded("partial code of 1 character dropped: the next key came after 80 ms (timeout 50 ms)"))
        #expect(decoder.decode(report: Reports.key(0x28), at: start + .milliseconds(85)) == .scan(DecodedScan(text: "2")))
    }

    @Test("a late Enter drops the partial code and ends nothing")
    func lateEnter() {
        var decoder = KeyboardScanDecoder()
        let start = Duration.zero
        _ = decoder.decode(report: Reports.key(0x1E), at: start)
        #expect(reason(decoder.decode(report: Reports.key(0x28), at: start + .milliseconds(300)))?.hasPrefix("partial code of 1 character dropped") == true)
        #expect(decoder.pendingDeadline == nil)
    }

    @Test("an unknown usage drops the code up to its Enter; the next code is read", arguments: [UInt8(0x01), 0x39, 0x3A, 0x4F, 0x64, 0xE0])
    func unknownUsage(usage: UInt8) {
        var feed = KeyboardFeed()
        let broken = Reports.typing("134567", enter: false) + [Reports.key(usage), Reports.release] + Reports.typing("890123456791")
        let results = feed.feed(broken + Reports.typing(ScanSample.unionpay))
        #expect(results == [
            .discarded("unknown key usage 0x\(HexBytes.format([usage])); partial code of 6 characters dropped"),
            .scan(DecodedScan(text: ScanSample.unionpay)),
        ])
    }

    @Test("a key typed with Ctrl, Alt or GUI held drops the code", arguments: [UInt8(0x01), 0x04, 0x08, 0x10, 0x40, 0x80])
    func commandModifier(modifier: UInt8) {
        var feed = KeyboardFeed()
        let reports = Reports.typing("12", enter: false) + [Reports.key(0x1E, modifiers: modifier), Reports.release] + Reports.typing("3")
        #expect(feed.feed(reports) == [.discarded("a key typed with Ctrl, Alt or GUI held; partial code of 2 characters dropped")])
    }

    @Test("a pause ends the skipped rest of a broken code")
    func pauseEndsSkipping() {
        var decoder = KeyboardScanDecoder()
        let start = Duration.zero
        #expect(reason(decoder.decode(report: Reports.key(0x45), at: start)) == "unknown key usage 0x45; the code it belongs to is dropped")
        _ = decoder.decode(report: Reports.key(0x1E), at: start + .milliseconds(10))
        _ = decoder.decode(report: Reports.key(0x1F), at: start + .milliseconds(500))
        #expect(decoder.decode(report: Reports.key(0x28), at: start + .milliseconds(510)) == .scan(DecodedScan(text: "2")))
    }

    @Test("a report of the wrong size drops the code", arguments: [0, 3, 9])
    func wrongSize(size: Int) {
        var feed = KeyboardFeed()
        let reports = Reports.typing("12", enter: false) + [[UInt8](repeating: 0, count: size)] + Reports.typing("3")
        #expect(feed.feed(reports) == [.discarded("keyboard report of \(size) bytes (expected 8); partial code of 2 characters dropped")])
    }

    @Test("a code longer than 4096 characters is dropped with the rest of it")
    func overlong() {
        var feed = KeyboardFeed(step: .microseconds(10))
        let exactly = String(repeating: "0123456789abcdef", count: 256)
        #expect(feed.feed(Reports.typing(exactly)) == [.scan(DecodedScan(text: exactly))])
        let results = feed.feed(Reports.typing(exactly + "tail") + Reports.typing(ScanSample.wechat))
        #expect(results == [
            .discarded("code longer than 4096 characters; partial code of 4096 characters dropped"),
            .scan(DecodedScan(text: ScanSample.wechat)),
        ])
    }

    @Test("decoded by usage ID: the same usages give the same text whatever the host's layout")
    func usageOnly() {
        var feed = KeyboardFeed()
        // 0x14 is "q" on a US keyboard (it is "a" on a French one): the decoder always says "q".
        #expect(feed.feed([Reports.key(0x14), Reports.release, Reports.key(0x1A), Reports.release, Reports.key(0x28)]) == [.scan(DecodedScan(text: "qw"))])
    }
}
