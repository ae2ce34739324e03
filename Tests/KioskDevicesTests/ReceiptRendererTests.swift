import Foundation
import KioskCore
import KioskDevices
import KioskTesting
import Testing

/// Renders every document at 80 and 58 mm and reads it back with independent tools: pdftotext for the
/// text, pdftoppm + zbarimg for the QR code, and our own ESC/POS parser + zbarimg for raw jobs.
@Suite("receipt renderer: PDF read back")
struct ReceiptRendererTests {
    static let pdfPrinters = ["thermal-80mm", "thermal-58mm"]

    // MARK: PDF

    @Test("electronic receipt as PDF: every field, masked, 大写, and a QR code that decodes", arguments: pdfPrinters)
    func electronicReceiptPDF(printerID: String) async throws {
        let receipt = ReceiptSamples.receipt()
        let (text, qrCodes) = try await readPDF(.electronicReceipt(receipt), printerID: printerID, label: "electronic receipt")
        try expectFields(text, [
            ("票据代码", "32060021"), ("票据号码", "0000000001"), ("校验码", "a1b2c3"), ("交款人", "张*国"), ("证件号码", "3206**********0210"),
            ("缴费方式", "微信"), ("交易参考", ReceiptSamples.maskedReference), ("收款单位", "国家税务总局南通市税务局"),
            ("终端", ReceiptSamples.kioskID), ("开票时间", "2020-11-15 08:26:40"),
        ])
        for expected in ["社会保险费电子票据", "收款项目", "城乡居民基本医疗保险", "大病保险", "照护保险", "¥380.00", "¥20.00", "¥30.00",
                         "合计", "¥430.00", "大写：肆佰叁拾元整", "扫码查验"] {
            #expect(text.contains(expected), "\(printerID): \(expected) missing in\n\(text)")
        }
        expectNoPersonalData(text, printerID: printerID)
        #expect(qrCodes == [ReceiptSamples.verificationURL])
    }

    @Test("an unmasked name or ID number reaching the renderer is printed masked", arguments: pdfPrinters)
    func unmaskedInputIsMasked(printerID: String) async throws {
        let receipt = ReceiptSamples.receipt(name: "张建国", idNumber: "11010519491231002X")
        let (text, _) = try await readPDF(.electronicReceipt(receipt), printerID: printerID, label: "unmasked input")
        try expectFields(text, [("交款人", "张*国"), ("证件号码", "1101**********002X")])
        #expect(!text.contains("张建国") && !compact(text).contains("11010519491231002X"))
        expectNoPersonalData(text, printerID: printerID)
    }

    @Test("registration slip as PDF: person, year, region, policy, relief, nothing due, date", arguments: pdfPrinters)
    func registrationSlipPDF(printerID: String) async throws {
        let (text, qrCodes) = try await readPDF(.registrationSlip(ReceiptSamples.slip), printerID: printerID, label: "registration slip")
        try expectFields(text, [
            ("姓名", "李*"), ("证件号码", "3206**********0014"), ("参保年度", "2021年度"), ("参保地区", "江苏省南通市"),
            ("参保类别", "成年居民"), ("资助类别", "特困供养人员"), ("打印时间", "2020-11-16 08:26:40"),
        ])
        for expected in ["参保登记凭证", "南通市城乡居民基本医疗保险", "本年度个人无需缴费"] {
            #expect(text.contains(expected), "\(printerID): \(expected) missing in\n\(text)")
        }
        #expect(compact(text).contains("个人缴费部分由医疗救助资金全额资助"))
        expectNoPersonalData(text, printerID: printerID)
        #expect(qrCodes.isEmpty)
    }

    @Test("test page as PDF: kiosk, time, paper, the CJK sample and its QR code", arguments: pdfPrinters)
    func testPagePDF(printerID: String) async throws {
        let printer = try ReceiptSamples.printer(printerID)
        let (text, qrCodes) = try await readPDF(ReceiptSamples.testPage, printerID: printerID, label: "test page")
        try expectFields(text, [
            ("终端", ReceiptSamples.kioskID), ("时间", "2020-11-15 08:26:40"),
            ("纸宽", "\(printer.paperWidthMillimetres) mm（可打印 \(printer.printableWidthMillimetres) mm）"),
            ("分辨率", "203 dpi（每行 \(printer.printableDots) 点）"),
        ])
        #expect(text.contains("打印机测试页"))
        #expect(compact(text).contains("社会保险费电子票据测试0123456789"))
        #expect(qrCodes == ["kioskd test page \(ReceiptSamples.kioskID)"])
    }

    @Test("twenty items still render: one longer page with every item and the QR code", arguments: pdfPrinters)
    func longReceiptPDF(printerID: String) async throws {
        let directory = try TemporaryDirectory(prefix: "receipt")
        defer { directory.remove() }
        let renderer = try ReceiptSamples.renderer(printerID, .pdf)
        let short = try await pageSize(renderer.render(.electronicReceipt(ReceiptSamples.receipt())), in: directory)
        let (text, qrCodes) = try await readPDF(.electronicReceipt(ReceiptSamples.longReceipt), printerID: printerID, label: "20 items")
        let long = try await pageSize(renderer.render(.electronicReceipt(ReceiptSamples.longReceipt)), in: directory)
        #expect(long.pages == 1 && long.height > short.height * 1.5, "\(short) → \(long)")
        for item in ReceiptSamples.longReceipt.items {
            #expect(text.contains(item.amount.description), "\(item.amount) missing")
        }
        #expect(text.contains(ReceiptSamples.longReceipt.total.description))
        #expect(qrCodes == [ReceiptSamples.verificationURL])
    }

    @Test("the PDF page is the paper's width (80 mm → 226.77 pt, 58 mm → 164.41 pt)", arguments: [
        ("thermal-80mm", 226.77), ("thermal-58mm", 164.41),
    ])
    func pageWidth(printerID: String, points: Double) async throws {
        let directory = try TemporaryDirectory(prefix: "receipt")
        defer { directory.remove() }
        let rendered = try ReceiptSamples.renderer(printerID, .pdf).render(.electronicReceipt(ReceiptSamples.receipt()))
        #expect(rendered.format == .pdf && rendered.mimeType == "application/pdf")
        #expect(rendered.data.starts(with: Array("%PDF-".utf8)))
        let size = try await pageSize(rendered, in: directory)
        #expect(abs(size.width - points) < 0.05 && size.pages == 1, "\(size)")
    }

    @Test("a verification URL beyond QR capacity is printer.render_failed, in both formats")
    func oversizedQRPayload() throws {
        var receipt = ReceiptSamples.receipt()
        receipt.verificationURL = "https://einvoice.sandbox.invalid/verify?" + String(repeating: "x", count: 3_000)
        for (printerID, format) in [("thermal-80mm", ReceiptFormat.pdf), ("escpos-80mm-raw", .escposRaster)] {
            let renderer = try ReceiptSamples.renderer(printerID, format)
            #expect(throws: KioskError.self) { try renderer.render(.electronicReceipt(receipt)) }
            do {
                _ = try renderer.render(.electronicReceipt(receipt))
            } catch {
                #expect(error.code == .printerRenderFailed)
            }
        }
    }

    // MARK: helpers

    /// Renders to PDF, prints the render time, and returns the text and the decoded QR codes.
    private func readPDF(_ document: ReceiptDocument, printerID: String, label: String) async throws -> (String, [String]) {
        let directory = try TemporaryDirectory(prefix: "receipt")
        defer { directory.remove() }
        let renderer = try ReceiptSamples.renderer(printerID, .pdf)
        let clock = ContinuousClock()
        var rendered: RenderedReceipt?
        let elapsed = try clock.measure { rendered = try renderer.render(document) }
        let data = try #require(rendered).data
        print("render time: \(label), \(printerID), pdf: \(milliseconds(elapsed)), \(data.count) bytes")
        let path = directory.file("receipt.pdf")
        try Data(data).write(to: URL(fileURLWithPath: path))
        return (try await ReceiptTools.pdfText(path, in: directory), try await ReceiptTools.pdfQRCodes(path, in: directory))
    }

    private func pageSize(_ rendered: RenderedReceipt, in directory: TemporaryDirectory) async throws -> (width: Double, height: Double, pages: Int) {
        let path = directory.file(String(UUID().uuidString.prefix(8)) + ".pdf")
        try Data(rendered.data).write(to: URL(fileURLWithPath: path))
        return try await ReceiptTools.pdfPageSize(path, in: directory)
    }
}

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
}

/// Text with all white space removed, so a value wrapped onto the next line still reads as one.
func compact(_ text: String) -> String {
    String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
}

/// "label：value" as printed, allowing the value to wrap onto a continuation line.
func expectFields(_ text: String, _ fields: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let flat = compact(text)
    for (label, value) in fields {
        #expect(flat.contains(compact("\(label)：\(value)")), "\(label)：\(value) missing in\n\(text)", sourceLocation: sourceLocation)
    }
}

/// No line carries an ID-number-like run (11 or more digits) or the unmasked payment ID.
func expectNoPersonalData(_ text: String, printerID: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for line in text.split(separator: "\n") {
        let longest = line.split { !$0.isNumber && $0 != "X" }.map(\.count).max() ?? 0
        #expect(longest < 11, "\(printerID): a long digit run in \"\(line)\"", sourceLocation: sourceLocation)
    }
    #expect(!text.contains(ReceiptSamples.paymentID) && !text.contains("7f3c9a1e"), sourceLocation: sourceLocation)
}

@Suite("receipt renderer: ESC/POS raster read back")
struct ReceiptRendererESCPOSTests {
    /// The raw 80 mm profile, and the 58 mm paper rendered raw too.
    static let printers = [("escpos-80mm-raw", 576), ("thermal-58mm", 384)]

    @Test("electronic receipt: ESC @, GS v 0 bands the printable width, cut last; the QR decodes", arguments: printers)
    func electronicReceipt(printerID: String, dots: Int) async throws {
        let (job, qrCodes) = try await readRaster(.electronicReceipt(ReceiptSamples.receipt()), printerID: printerID, label: "electronic receipt")
        #expect(job.widthDots == dots && job.bytesPerRow == dots / 8)
        #expect(job.bandHeights.allSatisfy { (1...255).contains($0) })
        #expect(job.feedLines > 0)
        #expect(qrCodes == [ReceiptSamples.verificationURL])
    }

    @Test("test page: the ruler spans the full printable width; the QR names the kiosk", arguments: printers)
    func testPage(printerID: String, dots: Int) async throws {
        let (job, qrCodes) = try await readRaster(ReceiptSamples.testPage, printerID: printerID, label: "test page")
        #expect(job.widthDots == dots)
        // The ruler's line: some row black from the first dot to the last.
        #expect((0..<job.rows).contains { y in (0..<dots).allSatisfy { job.isBlack(x: $0, y: y) } })
        #expect(qrCodes == ["kioskd test page \(ReceiptSamples.kioskID)"])
    }

    @Test("registration slip renders as a raster job without a QR code", arguments: printers)
    func registrationSlip(printerID: String, dots: Int) async throws {
        let (job, qrCodes) = try await readRaster(.registrationSlip(ReceiptSamples.slip), printerID: printerID, label: "registration slip")
        #expect(job.widthDots == dots && job.rows > 200)
        #expect(job.bitmap.contains { $0 != 0 })
        #expect(qrCodes.isEmpty)
    }

    @Test("twenty items: several bands, one job, the QR still decodes", arguments: printers)
    func longReceipt(printerID: String, dots: Int) async throws {
        let (job, qrCodes) = try await readRaster(.electronicReceipt(ReceiptSamples.longReceipt), printerID: printerID, label: "20 items")
        #expect(job.bandHeights.count > 3 && job.bandHeights.dropLast().allSatisfy { $0 == 255 })
        #expect(qrCodes == [ReceiptSamples.verificationURL])
    }

    @Test("the rendered job says what it is")
    func formatAndMIMEType() throws {
        let rendered = try ReceiptSamples.renderer("escpos-80mm-raw", .escposRaster).render(ReceiptSamples.testPage)
        #expect(rendered.format == .escposRaster && rendered.mimeType == "application/octet-stream")
        let byProfile = ReceiptRenderer(printer: try ReceiptSamples.printer("escpos-80mm-raw"))
        #expect(byProfile.format == .escposRaster)
    }

    /// Renders raw, prints the render time, parses the job and decodes the QR codes of its bitmap.
    private func readRaster(_ document: ReceiptDocument, printerID: String, label: String) async throws -> (ESCPOSJob, [String]) {
        let directory = try TemporaryDirectory(prefix: "receipt")
        defer { directory.remove() }
        let renderer = try ReceiptSamples.renderer(printerID, .escposRaster)
        var rendered: RenderedReceipt?
        let elapsed = try ContinuousClock().measure { rendered = try renderer.render(document) }
        let data = try #require(rendered).data
        print("render time: \(label), \(printerID), escpos: \(milliseconds(elapsed)), \(data.count) bytes")
        let job = try ESCPOSJob(parsing: data)
        let path = directory.file("receipt.pbm")
        try job.writePBM(to: path)
        return (job, try await ReceiptTools.qrCodes(path, in: directory))
    }
}
