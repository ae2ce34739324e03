import Foundation

/// Text and URLs the backend sends for the screen and the receipt, bounded before they reach either
/// (review L2): one line, no control or invisible formatting characters (bidi overrides, zero-width
/// joiners that could disguise text), at most so many characters. A compromised adapter can still
/// say something wrong, but not fill the screen, reorder what a resident reads, or hide characters.
public enum BackendText {
    /// Titles and labels: a policy's title, a tier's or a relief's label, a receipt item.
    public static let labelLimit = 40
    /// Sentences: a message to the resident, a relief's description, a note.
    public static let sentenceLimit = 120
    /// At most this many notes under an enrollment.
    public static let noteLimit = 6
    /// A URL the QR encodes (a pay link, a receipt's verification link).
    public static let urlLimit = 512

    /// One line of at most `limit` characters ("…" marks a cut), or nil when nothing printable is left.
    public static func line(_ text: String?, limit: Int) -> String? {
        guard let text else { return nil }
        var kept = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !lastWasSpace { kept.append(" ") }
                lastWasSpace = true
            } else if scalar.properties.generalCategory.isInvisible {
                continue
            } else {
                kept.append(scalar)
                lastWasSpace = false
            }
        }
        var line = String(kept).trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return nil }
        if line.count > limit { line = String(line.prefix(limit - 1)) + "…" }
        return line
    }

    /// `line` for a field the contract requires: empty rather than nil.
    public static func required(_ text: String, limit: Int) -> String {
        line(text, limit: limit) ?? ""
    }

    /// A URL to encode in a QR: https (or a payment app's own scheme), no spaces or control
    /// characters, at most `urlLimit` characters; nil otherwise.
    public static func qrURL(_ text: String?) -> String? {
        guard let text, text.count <= urlLimit, !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory.isInvisible }),
              let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return nil }
        let host = url.host ?? ""
        switch scheme {
        case "https": return host.isEmpty ? nil : text
        // WeChat Pay's native code_url (weixin://wxpay/bizpayurl?pr=…).
        case "weixin": return host == "wxpay" ? text : nil
        // Only this machine (the embedded sandbox) may use plain http.
        case "http": return ["127.0.0.1", "localhost", "::1"].contains(host) ? text : nil
        default: return nil
        }
    }
}

extension Unicode.GeneralCategory {
    /// Control, format (bidi overrides, zero-width), private-use, surrogate and unassigned scalars,
    /// and line or paragraph separators: nothing a resident should see.
    var isInvisible: Bool {
        switch self {
        case .control, .format, .privateUse, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
