import KioskCore
import KioskSimulators
import Testing

/// The demo's scanner sends what a HID POS scanner sends and decodes it with the production
/// decoder: codes longer than one report, symbologies, and what the diagnostics stream shows.
@Suite("the demo's scanner: HID POS reports through the real decoder")
struct SimulatedScannerTests {
    @Test("a code longer than one report arrives whole, with its symbology, on the scan stream and masked to watchers")
    func longCode() async throws {
        let scanner = SimulatedScanner()
        let token = "essc-" + String(repeating: "A1b2", count: 20)
        let reports = HIDPOSReportEncoder.reports(for: Array(token.utf8))
        #expect(reports.count == 2 && reports.allSatisfy { $0.count == 64 && $0[0] == 0x02 })
        #expect(reports.map { $0[63] } == [1, 0], "the first report says more follows, the last does not")
        var watch = scanner.watch().makeAsyncIterator()
        #expect(await watch.next()?.kind == .attached)
        scanner.scan(token, symbology: "]Q1")
        var scans = scanner.scans.makeAsyncIterator()
        let scan = try #require(await scans.next())
        #expect(scan.text == token)
        #expect(scan.symbology?.identifier == "]Q1")
        #expect(scan.classification == .esscToken(token))
        let watched = try #require(await watch.next())
        #expect(watched.kind == .scan)
        #expect(watched.scan?.symbology == "]Q1")
    }

    @Test("each report of the standard layout decodes with the production decoder to the bytes put in")
    func encoderMatchesDecoder() {
        for length in [0, 1, 57, 58, 59, 116, 200] {
            let data = (0..<length).map { UInt8(0x30 + $0 % 10) }
            var decoder = HIDPOSDecoder()
            let results = HIDPOSReportEncoder.reports(for: data, symbology: "]C0").map { decoder.decode(report: $0) }
            #expect(results.dropLast().allSatisfy { $0 == .pending }, "\(length) bytes: \(results)")
            if length == 0 {
                #expect(results.last != nil)
            } else {
                #expect(results.last == .scan(DecodedScan(text: String(decoding: data, as: UTF8.self), symbology: AIMSymbology(identifier: "]C0"))), "\(length) bytes")
            }
        }
    }
}
