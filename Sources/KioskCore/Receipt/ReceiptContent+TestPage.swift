import Foundation

extension ReceiptContent {
    /// The technicians' test print: the paper geometry, a ruler to check nothing is clipped,
    /// Chinese text and a QR code to check the font and the scan.
    static func testPage(kioskID: String, printedAt: Date, printer: PrinterModel) -> ReceiptContent {
        ReceiptContent(blocks: [
            .heading("打印机测试页"),
            .field(label: "终端", value: kioskID),
            .field(label: "时间", value: ReceiptTimestamp.text(printedAt)),
            .field(label: "打印机", value: printer.name),
            .field(label: "纸宽", value: "\(printer.paperWidthMillimetres) mm（可打印 \(printer.printableWidthMillimetres) mm）"),
            .field(label: "分辨率", value: "\(printer.dotsPerInch) dpi（每行 \(printer.printableDots) 点）"),
            .ruler(millimetres: printer.printableWidthMillimetres),
            .text(testSample, .body),
            .qrCode(payload: testQRPayload(kioskID: kioskID), caption: "测试二维码"),
        ])
    }

    public static let testSample = "社会保险费电子票据 测试 0123456789"

    public static func testQRPayload(kioskID: String) -> String { "kioskd test page \(kioskID)" }
}
