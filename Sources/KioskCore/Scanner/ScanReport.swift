/// One scan as `kioskctl scanner watch --json` shows it: what kind of code it was, never the code.
/// Pay codes keep their last four digits, ID numbers their first and last four characters;
/// e-SSC tokens and other codes show only their length.
public struct ScanReport: Sendable, Codable, Equatable {
    /// e.g. "Newland NLS-FM430 1eab:1d06".
    public var device: String
    public var mode: ScannerMode
    /// The AIM identifier, e.g. "]Q1"; nil when the scanner sent none.
    public var symbology: String?
    /// "payCode", "esscToken", "idNumber" or "other".
    public var kind: String
    /// "wechat", "alipay" or "unionpay" for a pay code.
    public var channel: String?
    public var masked: String
    /// Characters in the scanned text.
    public var length: Int

    public init(scan: BarcodeScan, device: String, mode: ScannerMode, symbology: AIMSymbology?) {
        self.device = device
        self.mode = mode
        self.symbology = (symbology ?? scan.symbology)?.identifier
        kind = Self.kind(of: scan.classification)
        length = scan.text.count
        switch scan.classification {
        case .payCode(let code):
            channel = code.channel.rawValue
            masked = PersonalDataMasking.payCode(code.value)
        case .idNumber(let number):
            masked = PersonalDataMasking.idNumber(number.value)
        case .esscToken(let token):
            masked = "e-SSC token (\(token.count) characters)"
        case .other:
            masked = "\(length) characters"
        }
    }

    /// The `kind` of a classification: safe for logs.
    public static func kind(of classification: ScanClassification) -> String {
        switch classification {
        case .payCode: "payCode"
        case .esscToken: "esscToken"
        case .idNumber: "idNumber"
        case .other: "other"
        }
    }
}
