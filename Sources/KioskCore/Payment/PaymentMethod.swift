/// How a resident pays (`payment.methods` in kiosk.conf, in the order offered).
public enum PaymentMethod: String, Sendable, Equatable, CaseIterable {
    /// The resident's pay code (WeChat, Alipay, UnionPay) scanned at the kiosk.
    case payCode = "paycode"
    /// A QR code on the screen that the resident scans with their phone.
    case onScreenQR = "qr"
    /// A bank card, or the bank account of the resident's social security card, at the payment
    /// terminal (刷卡): the card is read and the PIN entered inside the terminal.
    case card
}
