import Foundation

/// A payment code shown by the resident's phone and read by the scanner (付款码).
///
/// WeChat: 18 digits, prefix 10–15. Alipay: 16–24 digits, prefix 25–30. UnionPay: 19 digits, prefix 62.
/// The code is a bearer credential valid about a minute: it is never logged or stored.
public struct PayCode: Sendable, Hashable, CustomStringConvertible {
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        case wechat, alipay, unionpay

        public var label: String {
            switch self {
            case .wechat: "微信"
            case .alipay: "支付宝"
            case .unionpay: "银联"
            }
        }
    }

    public let value: String
    public let channel: Channel

    public init(_ text: String) throws(KioskError) {
        let digits = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else {
            throw KioskError(.payCodeInvalid, "pay code must be digits only (\(digits.count) characters read)")
        }
        guard let channel = Self.channel(of: digits) else {
            throw KioskError(.payCodeInvalid, "not a WeChat, Alipay or UnionPay pay code (\(digits.count) digits, prefix \(digits.prefix(2)))")
        }
        self.value = digits
        self.channel = channel
    }

    static func channel(of digits: String) -> Channel? {
        guard let prefix = Int(digits.prefix(2)) else { return nil }
        switch (prefix, digits.count) {
        case (10...15, 18): return .wechat
        case (25...30, 16...24): return .alipay
        case (62, 19): return .unionpay
        default: return nil
        }
    }

    /// Channel and the last two digits only.
    public var description: String { "\(channel.rawValue) pay code …\(value.suffix(2))" }
}
