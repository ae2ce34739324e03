/// Codes the scanner tests feed through the decoders (made up; the pay codes have valid prefixes).
enum ScanSample {
    static let wechat = "134567890123456791"
    static let alipay = "281234567890123459612345"
    static let unionpay = "6212345678901234567"
    static let idNumber = "320602196005120210"
    static let esscToken = "essc-demo-zhang-jianguo-7Hq2Kx9PzW"
    /// Longer than one HID POS report (56 data bytes), with the characters URLs need.
    static let esscURL = "https://essc.mohrss.gov.cn/qrcode?sig=Vx9%2Bq7KzPw&ts=1627384950&no=A7#k3Jm9QxZt2Rv8Yb4Nc6Wd1Fh5Gs0Lp"
    static let chinese = "电子社保卡测试码：张建国"
}
