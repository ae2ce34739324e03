import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskTesting

/// Documents and printers for the renderer tests: the shipped printer profiles and a Nantong
/// 2021 receipt whose ¥430.00 is itemised as the backend may list it (basic, 大病, 照护).
enum ReceiptSamples {
    static let kioskID = "NT-TEST-0001"
    static let paymentID = "pay-7f3c9a1e5b2d4c8e"
    static let maskedReference = "****4c8e"
    static let verificationURL = "https://einvoice.sandbox.invalid/verify?code=32060021&no=0000000001&check=a1b2c3"
    /// 2020-11-15 08:26:40 in Asia/Shanghai (00:26:40 UTC).
    static let issuedAt = Date(timeIntervalSince1970: 1_605_400_000)
    static let printedAt = Date(timeIntervalSince1970: 1_605_486_400)

    static let items: [ElectronicReceipt.Item] = [
        .init(label: "城乡居民基本医疗保险费 2021年度（南通市）", amount: Money(fen: 38_000)),
        .init(label: "大病保险", amount: Money(fen: 2_000)),
        .init(label: "照护保险", amount: Money(fen: 3_000)),
    ]

    static func receipt(
        items: [ElectronicReceipt.Item] = items, name: String = "张*国", idNumber: String = "3206**********0210"
    ) -> ElectronicReceipt {
        ElectronicReceipt(
            title: "社会保险费电子票据", receiptCode: "32060021", receiptNumber: "0000000001", checkCode: "a1b2c3",
            payerMaskedName: name, payerMaskedIDNumber: idNumber, items: items,
            total: items.reduce(Money.zero) { $0 + $1.amount }, issuer: "国家税务总局南通市税务局",
            issuedAt: issuedAt, paymentID: paymentID, kioskID: kioskID, channel: "微信", verificationURL: verificationURL
        )
    }

    /// Twenty items: a page several times the usual length.
    static let longReceipt = receipt(items: (1...20).map {
        .init(label: "城乡居民基本医疗保险费 第\($0)项（测试分项）", amount: Money(fen: Int64(1_000 + $0)))
    })

    static let slip = RegistrationSlip(
        maskedName: "李*", maskedIDNumber: "3206**********0014", year: 2021, region: "江苏省南通市",
        policyTitle: "南通市城乡居民基本医疗保险", categoryLabel: "成年居民", reliefLabel: "特困供养人员",
        reliefDescription: "个人缴费部分由医疗救助资金全额资助"
    )

    static let testPage = ReceiptDocument.testPage(kioskID: kioskID, printedAt: issuedAt)

    static func printer(_ id: String) throws -> PrinterModel {
        let printers = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase).printers
        guard let printer = printers.first(where: { $0.id == id }) else { throw TestFixtureError("Devices/printers/\(id).toml is missing") }
        return printer
    }

    static func renderer(_ printerID: String, _ format: ReceiptFormat) throws -> ReceiptRenderer {
        ReceiptRenderer(printer: try printer(printerID), format: format, now: { printedAt })
    }
}
