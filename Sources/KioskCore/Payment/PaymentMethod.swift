/// How a resident pays (`payment.methods` in kiosk.conf, in the order offered).
public enum PaymentMethod: String, Sendable, Equatable, CaseIterable {
    /// The resident's pay code (WeChat, Alipay, UnionPay) scanned at the kiosk.
    case payCode = "paycode"
    /// A QR code on the screen that the resident scans with their phone.
    case onScreenQR = "qr"
}
