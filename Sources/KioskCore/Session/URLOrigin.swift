import Foundation

/// Where a QR the kiosk shows or prints may point (review L2): a scheme and a host, and a port
/// when it is not the scheme's own. A compromised backend adapter could otherwise put a link to any
/// page on the official screen (a look-alike pay page) or a phishing "verify your receipt" link on
/// paper. It can still create a real order under a merchant account of its own on a listed network:
/// which merchant a pay link belongs to is the backend's and the acquirer's to check, not the kiosk's.
///
/// Written as in kiosk.conf: `https://qr.alipay.com`, `weixin://wxpay`, `https://host:8443`. Only
/// https, WeChat Pay's `weixin://wxpay`, and plain http on this machine (the embedded sandbox) are
/// origins at all; a path, query, fragment or user name is refused, so an entry cannot be read two ways.
public struct URLOrigin: Sendable, Hashable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    /// nil: the scheme's own port (443 for https).
    public let port: Int?

    /// The payment networks' own QR links: WeChat Pay's native `code_url` (weixin://wxpay/bizpayurl?pr=…,
    /// pay.weixin.qq.com "Native支付" API), Alipay's `qr_code` (https://qr.alipay.com/…, the
    /// alipay.trade.precreate answer) and UnionPay's QR standard (https://qr.95516.com/…).
    public static let paymentNetworks: [URLOrigin] = ["weixin://wxpay", "https://qr.alipay.com", "https://qr.95516.com"].compactMap(URLOrigin.init)

    public init?(_ text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty,
              components.user == nil, components.password == nil, components.query == nil, components.fragment == nil,
              components.path.isEmpty || components.path == "/", Self.isPlainHost(host) else { return nil }
        switch scheme {
        case "https": break
        case "weixin": guard host == "wxpay", components.port == nil else { return nil }
        case "http": guard Self.loopbackHosts.contains(host) else { return nil }
        default: return nil
        }
        self.scheme = scheme
        self.host = host
        port = components.port == Self.defaultPort(scheme) ? nil : components.port
    }

    /// What is wrong with `text` as an origin, for kiosk.conf's checks; nil when it is one.
    public static func problem(_ text: String) -> String? {
        guard URLOrigin(text) == nil else { return nil }
        return "\"\(text)\" is not an origin: write https://host (or https://host:port; a host of letters, digits, dots and hyphens, no wildcards), weixin://wxpay, or http://127.0.0.1:port for the demo sandbox, with no path"
    }

    /// Whether `url` is on this origin (scheme, host and port compared; case does not matter).
    public func contains(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), components.user == nil, components.password == nil else { return false }
        let port = components.port == Self.defaultPort(scheme) ? nil : components.port
        return scheme == self.scheme && host == self.host && port == self.port
    }

    public var description: String { "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "") }

    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "[::1]", "::1"]

    /// A DNS name (labels of letters, digits and hyphens) or a loopback address: nothing a parser
    /// could read two ways, and no `*` that would look like a wildcard yet match nothing.
    static func isPlainHost(_ host: String) -> Bool {
        if loopbackHosts.contains(host) { return true }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    private static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "https": 443
        case "http": 80
        default: nil
        }
    }
}

extension Array where Element == URLOrigin {
    /// Whether any of these origins holds `url`.
    public func allow(_ url: String) -> Bool { contains { $0.contains(url) } }
}

extension ElectronicReceipt {
    /// This receipt, its checking link kept only when it is on one of `origins`: a link anywhere
    /// else could phish, and the paper's receipt code, number and check code verify it without one.
    public func keepingVerificationLink(on origins: [URLOrigin]) -> ElectronicReceipt {
        var receipt = self
        if !origins.allow(verificationURL) { receipt.verificationURL = "" }
        return receipt
    }
}
