import KioskCore

/// 8-byte boot-keyboard reports a scanner in keyboard emulation sends: key down, then all keys up.
enum TestKeyboardReports {
    static let release: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
    static let shift: UInt8 = 0x02

    static func key(_ usage: UInt8, modifiers: UInt8 = 0) -> [UInt8] {
        [modifiers, 0, usage, 0, 0, 0, 0, 0]
    }

    /// Down and up for every character of `text` (US usages), then Enter unless `enter` is false.
    static func typing(_ text: String, enter: Bool = true) -> [[UInt8]] {
        var reports: [[UInt8]] = []
        for character in text {
            guard let (modifiers, usage) = usage(of: character) else { continue }
            reports += [key(usage, modifiers: modifiers), release]
        }
        if enter { reports += [key(0x28), release] }
        return reports
    }

    /// The US key for a character, the reverse of the decoder's table, written out independently.
    static func usage(of character: Character) -> (UInt8, UInt8)? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return (0, 0x04 + ascii - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return (shift, 0x04 + ascii - UInt8(ascii: "A"))
        case UInt8(ascii: "1")...UInt8(ascii: "9"): return (0, 0x1E + ascii - UInt8(ascii: "1"))
        case UInt8(ascii: "0"): return (0, 0x27)
        default: break
        }
        let plain: [Character: UInt8] = [
            "\t": 0x2B, " ": 0x2C, "-": 0x2D, "=": 0x2E, "[": 0x2F, "]": 0x30, "\\": 0x31, ";": 0x33, "'": 0x34,
            "`": 0x35, ",": 0x36, ".": 0x37, "/": 0x38,
        ]
        let shifted: [Character: UInt8] = [
            "!": 0x1E, "@": 0x1F, "#": 0x20, "$": 0x21, "%": 0x22, "^": 0x23, "&": 0x24, "*": 0x25, "(": 0x26, ")": 0x27,
            "_": 0x2D, "+": 0x2E, "{": 0x2F, "}": 0x30, "|": 0x31, ":": 0x33, "\"": 0x34, "~": 0x35, "<": 0x36, ">": 0x37, "?": 0x38,
        ]
        if let usage = plain[character] { return (0, usage) }
        if let usage = shifted[character] { return (shift, usage) }
        return nil
    }
}

/// Feeds reports to a keyboard decoder a few milliseconds apart and collects what it returns.
struct KeyboardFeed {
    var decoder: KeyboardScanDecoder
    var now: Duration
    var step: Duration

    init(decoder: KeyboardScanDecoder = KeyboardScanDecoder(), start: Duration = .zero, step: Duration = .milliseconds(4)) {
        self.decoder = decoder
        self.now = start
        self.step = step
    }

    /// The results that are not `.pending`.
    mutating func feed(_ reports: [[UInt8]]) -> [ScanDecodeResult] {
        var results: [ScanDecodeResult] = []
        for report in reports {
            now += step
            let result = decoder.decode(report: report, at: now)
            if result != .pending { results.append(result) }
        }
        return results
    }
}
