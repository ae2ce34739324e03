import Foundation
import KioskCore

/// How a sandbox backend behaves: its "today", QR lifetime and receipt issuer.
public struct SandboxSettings: Sendable {
    /// The date policies are evaluated on; nil = the real date in China.
    public var today: CalendarDate?
    public var qrLifetime: Duration
    public var receiptIssuer: String
    /// Secret the 校验码 of receipts is derived from.
    public var receiptSecret: String
    public var publicBaseURL: String

    public init(
        today: CalendarDate? = nil, qrLifetime: Duration = .seconds(180),
        receiptIssuer: String = "国家税务总局（沙箱）税务局", receiptSecret: String = "kioskd-sandbox",
        publicBaseURL: String = "https://sandbox.kioskd.invalid"
    ) {
        self.today = today
        self.qrLifetime = qrLifetime
        self.receiptIssuer = receiptIssuer
        self.receiptSecret = receiptSecret
        self.publicBaseURL = publicBaseURL
    }

    func currentDate() -> CalendarDate { today ?? CalendarDate.today() }
}
