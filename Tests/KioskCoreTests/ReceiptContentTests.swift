import Foundation
import KioskCore
import Testing

@Suite("receipt content: what each document puts on paper")
struct ReceiptContentTests {
    static let printer = PrinterModel(id: "t80", name: "80 mm test", paperWidthMillimetres: 80, printableWidthMillimetres: 72, dotsPerInch: 203)

    static func receipt(name: String = "张*国", idNumber: String = "3206**********0210", channel: String? = "微信") -> ElectronicReceipt {
        ElectronicReceipt(
            title: "社会保险费电子票据", receiptCode: "32060021", receiptNumber: "0000000001", checkCode: "a1b2c3",
            payerMaskedName: name, payerMaskedIDNumber: idNumber,
            items: [.init(label: "城乡居民基本医疗保险费 2021年度", amount: .yuan(380)), .init(label: "大病保险", amount: .yuan(50))],
            total: .yuan(430), issuer: "国家税务总局南通市税务局", issuedAt: Date(timeIntervalSince1970: 1_605_400_000),
            paymentID: "pay-7f3c9a1e5b2d4c8e", kioskID: "NT-TEST-0001", channel: channel, verificationURL: "https://sandbox.invalid/verify?no=1"
        )
    }

    @Test("the electronic receipt: codes, payer, items, total in figures and capitals, masked reference, time in China")
    func electronicReceipt() {
        let content = ReceiptContent(.electronicReceipt(Self.receipt()), printer: Self.printer, printedAt: Date())
        #expect(content.lines == [
            "社会保险费电子票据", "票据代码：32060021", "票据号码：0000000001", "校验码：a1b2c3", "交款人：张*国", "证件号码：3206**********0210",
            "收款项目  金额", "城乡居民基本医疗保险费 2021年度  ¥380.00", "大病保险  ¥50.00", "合计  ¥430.00", "大写：肆佰叁拾元整",
            "缴费方式：微信", "交易参考：****4c8e", "收款单位：国家税务总局南通市税务局", "终端：NT-TEST-0001", "开票时间：2020-11-15 08:26:40", "扫码查验",
        ])
        #expect(content.blocks.last == .qrCode(payload: "https://sandbox.invalid/verify?no=1", caption: "扫码查验"))
        let withoutChannel = ReceiptContent(.electronicReceipt(Self.receipt(channel: nil)), printer: Self.printer, printedAt: Date())
        #expect(!withoutChannel.lines.contains { $0.hasPrefix("缴费方式") })
    }

    @Test("an unmasked name or ID number from upstream is masked on paper anyway")
    func defensiveMasking() {
        let content = ReceiptContent(
            .electronicReceipt(Self.receipt(name: "张建国", idNumber: "11010519491231002X")), printer: Self.printer, printedAt: Date()
        )
        #expect(content.lines.contains("交款人：张*国"))
        #expect(content.lines.contains("证件号码：1101**********002X"))
        #expect(!content.lines.joined().contains("张建国") && !content.lines.joined().contains("11010519491231002X"))
    }

    @Test("the registration slip: person, year, region, policy, relief, nothing due, date")
    func registrationSlip() {
        let slip = RegistrationSlip(
            maskedName: "李*", maskedIDNumber: "3206**********0014", year: 2021, region: "江苏省南通市", policyTitle: "南通市城乡居民基本医疗保险",
            categoryLabel: "成年居民", reliefLabel: "特困供养人员", reliefDescription: "个人缴费部分由医疗救助资金全额资助"
        )
        let content = ReceiptContent(.registrationSlip(slip), printer: Self.printer, printedAt: Date(timeIntervalSince1970: 1_605_400_000))
        #expect(content.lines == [
            "参保登记凭证", "南通市城乡居民基本医疗保险", "姓名：李*", "证件号码：3206**********0014", "参保年度：2021年度", "参保地区：江苏省南通市",
            "参保类别：成年居民", "资助类别：特困供养人员", "个人缴费部分由医疗救助资金全额资助", "本年度个人无需缴费", "打印时间：2020-11-15 08:26:40",
        ])
        var aided = slip
        aided.tierLabel = "一档"
        let lines = ReceiptContent(.registrationSlip(aided), printer: Self.printer, printedAt: Date(timeIntervalSince1970: 1_605_400_000)).lines
        #expect(lines.firstIndex(of: "缴费档次：一档") == lines.firstIndex(of: "参保类别：成年居民").map { $0 + 1 }, "\(lines)")
    }

    @Test("the test page: geometry, ruler, CJK sample and a QR code naming the kiosk")
    func testPage() {
        let content = ReceiptContent(.testPage(kioskID: "NT-TEST-0001", printedAt: Date(timeIntervalSince1970: 0)), printer: Self.printer, printedAt: Date())
        #expect(content.lines.contains("时间：1970-01-01 08:00:00"))
        #expect(content.lines.contains("纸宽：80 mm（可打印 72 mm）"))
        #expect(content.lines.contains("分辨率：203 dpi（每行 576 点）"))
        #expect(content.blocks.contains(.ruler(millimetres: 72)))
        #expect(content.lines.contains("社会保险费电子票据 测试 0123456789"))
        #expect(content.blocks.contains(.qrCode(payload: "kioskd test page NT-TEST-0001", caption: "测试二维码")))
    }
}
