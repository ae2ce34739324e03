import Foundation

/// Tells what a scanned text is, without I/O: digits that form a pay code, an 18-character ID number,
/// an e-SSC token, or something else.
public enum ScanClassifier {
    /// e-SSC QR texts: the sandbox's `essc-…` tokens and the national platform's URLs.
    static let esscPrefixes = ["essc-", "essc:", "https://essc.mohrss.gov.cn/", "http://essc.mohrss.gov.cn/"]
    static let tokenLength = 8...512

    public static func classify(_ raw: String) -> ScanClassification {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let payCode = try? PayCode(text) {
            return .payCode(payCode)
        }
        if text.count == 18, let number = try? IDNumber(text) {
            return .idNumber(number)
        }
        if tokenLength.contains(text.count), esscPrefixes.contains(where: { text.lowercased().hasPrefix($0) }),
           text.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            return .esscToken(text)
        }
        return .other
    }
}
