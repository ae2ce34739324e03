import Foundation
import KioskCore

/// How a sandbox backend behaves: its clock and "today", QR lifetime and receipt issuer.
public struct SandboxSettings: Sendable {
    /// The date policies are evaluated on; nil = the date in China by `wallClock`.
    public var today: CalendarDate?
    /// The time the backend records payments, receipts and idempotency records at.
    public var wallClock: WallClock
    public var qrLifetime: Duration
    public var receiptIssuer: String
    /// Secret the 校验码 of receipts is derived from.
    public var receiptSecret: String
    public var publicBaseURL: String

    public init(
        today: CalendarDate? = nil, wallClock: WallClock = .system, qrLifetime: Duration = .seconds(180),
        receiptIssuer: String = "国家税务总局（沙箱）税务局", receiptSecret: String = "kioskd-sandbox",
        publicBaseURL: String = "https://sandbox.kioskd.invalid"
    ) {
        self.today = today
        self.wallClock = wallClock
        self.qrLifetime = qrLifetime
        self.receiptIssuer = receiptIssuer
        self.receiptSecret = receiptSecret
        self.publicBaseURL = publicBaseURL
    }

    func currentDate() -> CalendarDate { today ?? CalendarDate.today(by: wallClock) }
}
