import Foundation
import KioskCore

/// Values the session tests build states and events from (made-up residents, Nantong 2021 prices).
enum Sample {
    static let settings = SessionSettings(
        idleTimeoutSeconds: 60, countdownSeconds: 15, payCodeTimeoutSeconds: 90, qrTimeoutSeconds: 180, takeReceiptSeconds: 20,
        pollIntervalSeconds: 5, maximumPolls: 3, maximumReversalAttempts: 2, paymentMethods: [.payCode, .onScreenQR, .card],
        maximumAmount: .yuan(1000), insuranceYear: 2021,
        qrURLOrigins: URLOrigin.paymentNetworks + [sandboxOrigin], verificationURLOrigins: [sandboxOrigin]
    )
    /// Where the samples' QR and checking links point.
    static let sandboxOrigin = URLOrigin("https://sandbox.invalid")!

    static let relative = SessionRelative(personRef: "ref_child_0001", maskedName: "张*雨", relation: "孙子女")
    static let payer = Person(personRef: "ref_payer_0001", maskedName: "张*国", maskedIDNumber: "3206**********0210", region: "320600", paysFor: [relative])
    static let other = Person(personRef: "ref_other_0001", maskedName: "李*", maskedIDNumber: "3206**********0339", region: "320600")
    static let idCardClaim = IdentityClaim.idCard(idNumber: "320602196005120210", name: "张建国")
    static let validIDNumber = "320602199901010339"
    static let paidPaymentID = "pay_old_000000000001"
    static let paymentID = "pay_new_000000000001"
    static let key = "key-0000000001"
    /// The terminal's approval of the adult tier's 430 yuan.
    static let approval = CardApproval(
        terminalTransactionID: "SIMTX0001.8817000000000001", terminalTimeStamp: "2026-12-06T10:15:21.009+08:00", maskedPAN: "****0018",
        authCode: "654321", acquirerReference: "8817000000000001", brand: "UnionPay", amount: .yuan(430)
    )

    static let adult = Tier(
        id: "adult", label: "成年居民", amount: .yuan(430),
        components: [AmountComponent(label: "大病保险", amount: .yuan(20), included: true), AmountComponent(label: "长期照护保险", amount: .yuan(30), included: true)],
        due: .yuan(430)
    )
    static let secondTier = Tier(id: "tier2", label: "二档", amount: .yuan(655), due: .yuan(655))

    static func enrollment(
        for person: Person = payer, status: Enrollment.Status = .payable, tiers: [Tier] = [adult, secondTier],
        defaultTier: String = "adult", paidPaymentID: String? = nil, year: Int = 2021
    ) -> Enrollment {
        Enrollment(
            personRef: person.personRef, year: year, region: "320600", policyTitle: "南通市区2021年度城乡居民医保", status: status,
            categoryLabel: "成年居民", tiers: tiers, defaultTierID: defaultTier,
            relief: status == .exempt ? EnrollmentRelief(kind: .exemption, label: "低保", description: "个人缴费部分由财政全额补助") : nil,
            window: EnrollmentWindow(phase: .centralized, opens: CalendarDate(iso: "2020-11-01"), closes: CalendarDate(iso: "2020-12-20")),
            notes: [], paidPaymentID: paidPaymentID
        )
    }

    static let exemptTier = Tier(id: "adult", label: "成年居民", amount: .yuan(430), relief: .yuan(430), due: .zero)
    static var exemptEnrollment: Enrollment { enrollment(status: .exempt, tiers: [exemptTier]) }
    static var paidEnrollment: Enrollment { enrollment(status: .paid, paidPaymentID: paidPaymentID) }

    static func snapshot(
        _ status: PaymentSnapshot.Status, id: String = paymentID, amount: Money = .yuan(430), method: PaymentMethod = .payCode
    ) -> PaymentSnapshot {
        PaymentSnapshot(paymentID: id, status: status, amount: amount, method: method, channel: .wechat,
                        failureMessage: status == .failed ? "付款账户余额不足，请更换付款方式" : nil,
                        qrURL: method == .onScreenQR ? "https://sandbox.invalid/qr/\(id)" : nil)
    }

    static func receipt(paymentID: String = paymentID) -> ElectronicReceipt {
        ElectronicReceipt(
            title: "社会保险费电子票据", receiptCode: "32060021", receiptNumber: "0000000001", checkCode: "a1b2c3",
            payerMaskedName: "张*国", payerMaskedIDNumber: "3206**********0210",
            items: [.init(label: "城乡居民基本医疗保险费 2021年度", amount: .yuan(430))], total: .yuan(430),
            issuer: "国家税务总局（沙箱）税务局", issuedAt: Date(timeIntervalSince1970: 1_605_400_000), paymentID: paymentID,
            kioskID: "NT-TEST-0001", channel: "微信", verificationURL: "https://sandbox.invalid/verify"
        )
    }

    static let historyEntry = PaymentHistoryEntry(
        paymentID: paidPaymentID, personRef: payer.personRef, year: 2020, tierID: "adult", amount: .yuan(400), status: .succeeded,
        channel: .alipay, createdAt: Date(timeIntervalSince1970: 1_575_000_000), paidForOther: false, receiptAvailable: true
    )

    static let payCode: PayCode = {
        guard let code = try? PayCode("134567890123456700") else { preconditionFailure("sample pay code") }
        return code
    }()

    static let windowClosed = SessionProblem(.enrollmentWindowClosed, backendMessage: "2021年度居民医保集中缴费期（2020-11-01至2020-12-20）已结束")
    static let timeout = SessionProblem(.backendTimeout, isUncertain: true)
}
