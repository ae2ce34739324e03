import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
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

/// The demo's card reader reads virtual cards (the applets kiosk-sim and the card tests put behind
/// pcscd) with the production APDU and GA 467 decoders.
@Suite("the demo's card reader: virtual cards through the real decoders")
struct SimulatedCardReaderTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 6)!

    @Test("a social security card carries the holder and what a card issued to them has; read over SSSE APDUs")
    func socialSecurityCard() async throws {
        let reader = SimulatedCardReader(today: { Self.today })
        try reader.insert(CardHolder(kind: .socialSecurityCard, name: "张建国", idNumber: "320602196005120210", cardNumber: "J32060012"))
        let holder = try await reader.read(.socialSecurityCard)
        #expect(holder.name == "张建国")
        #expect(holder.idNumber == "320602196005120210")
        #expect(holder.cardNumber == "J32060012")
        #expect(holder.specVersion == "3.00")
        #expect(holder.gender == .male)
        #expect(holder.birthDate == CalendarDate(year: 1960, month: 5, day: 12))
        #expect(holder.nation == "汉")
        #expect(holder.regionCode == "320602")
        #expect(holder.expiry == .on(CalendarDate(year: 2034, month: 1, day: 1)!))
        let slots = await reader.readers()
        #expect(slots.first { $0.role == "ssc" }?.atr == "3B6C0000803180655353434B494F534B", "\(slots)")
    }

    @Test("an ID card is read through the reader's GA 467 tunnel: long-term, with an address and authority")
    func idCard() async throws {
        let reader = SimulatedCardReader(today: { Self.today })
        try reader.insert(CardHolder(kind: .idCard, name: "王秀英", idNumber: "320611195507200183"))
        let holder = try await reader.read(.idCard)
        #expect(holder.name == "王秀英")
        #expect(holder.gender == .female)
        #expect(holder.expiry == .longTerm)
        #expect(holder.address?.isEmpty == false)
        #expect(holder.issuingAuthority?.isEmpty == false)
        #expect(holder.photo?.count == 1024)
        let report = try await reader.readReport(reader: nil)
        #expect(report.problem == nil)
    }

    @Test("a holder no card can carry is refused with the card file's reason; the slot stays empty")
    func uncarriable() async {
        let reader = SimulatedCardReader(today: { Self.today })
        do {
            try reader.insert(CardHolder(kind: .socialSecurityCard, name: "张建国", idNumber: "320602196005120210", cardNumber: "J32060000123"))
            Issue.record("a 12-character card number was put on a card")
        } catch {
            #expect(error.code == .cardUnreadable)
            #expect(error.message.contains("ssc.card_number: must be 9 characters"), "\(error.message)")
            #expect(!error.message.contains("320602196005120210"))
        }
        await #expect(throws: KioskError.self) { try await reader.read(.socialSecurityCard) }
    }
}

/// The demo's printer runs the production renderer: what it shows is what the thermal head prints.
@Suite("the demo's printer: the receipt as printed, as an image")
struct SimulatedPrinterTests {
    @Test("a printed receipt becomes a PNG as wide as the head's dots, whose QR code zbarimg reads back")
    func receiptImage() async throws {
        let printer = SimulatedPrinter(render: { document throws(KioskError) in try ReceiptRenderer(printer: SimulatedPrinter.model).renderImage(document) })
        #expect(printer.lastReceiptImage == nil)
        try await printer.print(.electronicReceipt(ReceiptSamples.receipt()))
        let image = try #require(printer.lastReceiptImage)
        #expect(Array(image.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
        let width = image[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = image[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == SimulatedPrinter.model.printableDots)
        #expect(height > width, "a receipt is a long strip: \(width)×\(height)")
        let directory = try TemporaryDirectory(prefix: "demo-receipt")
        defer { directory.remove() }
        let path = directory.file("receipt.png")
        try Data(image).write(to: URL(fileURLWithPath: path))
        #expect(try await ReceiptTools.qrCodes(path, in: directory) == [ReceiptSamples.verificationURL])
        #expect(printer.printedCount == 1)
    }

    @Test("out of paper nothing is printed or drawn")
    func outOfPaper() async {
        let printer = SimulatedPrinter(render: { _ throws(KioskError) in Issue.record("rendered without paper"); return [] })
        printer.paper = .out
        await #expect(throws: KioskError.self) { try await printer.print(.testPage(kioskID: "demo", printedAt: ReceiptSamples.issuedAt)) }
        #expect(printer.printedCount == 0)
        #expect(printer.lastReceiptImage == nil)
    }
}
