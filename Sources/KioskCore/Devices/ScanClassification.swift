/// What a scanned code is.
public enum ScanClassification: Sendable, Hashable, CustomStringConvertible {
    /// A WeChat / Alipay / UnionPay pay code (付款码).
    case payCode(PayCode)
    /// The token of an electronic social security card (电子社保卡) QR code.
    case esscToken(String)
    /// An ID number (e.g. a barcode on a form).
    case idNumber(IDNumber)
    case other

    /// Kind only, never the content.
    public var description: String {
        switch self {
        case .payCode(let code): "\(code)"
        case .esscToken: "e-SSC token"
        case .idNumber(let number): "ID number \(number.masked)"
        case .other: "unrecognized code"
        }
    }
}
