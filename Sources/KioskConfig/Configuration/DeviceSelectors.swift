import KioskCore

/// How a card reader is chosen: any known model, the simulator, or a reader-name pattern (`*` wildcards).
public enum ReaderSelector: Sendable, Equatable, CustomStringConvertible {
    case auto
    case simulated
    case namePattern(String)

    init(_ text: String) {
        switch text {
        case "auto": self = .auto
        case "simulated": self = .simulated
        default: self = .namePattern(text)
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .simulated: "simulated"
        case .namePattern(let pattern): pattern
        }
    }

    /// Shell-style match of a PC/SC reader name against the pattern (`*` any run, `?` one character).
    public static func matches(_ name: String, pattern: String) -> Bool {
        let name = Array(name), pattern = Array(pattern)
        var n = 0, p = 0, starP = -1, starN = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                n += 1
                p += 1
            } else if p < pattern.count, pattern[p] == "*" {
                starP = p
                starN = n
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starN += 1
                n = starN
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// How the USB scanner is chosen: any model in the devices database, the simulator, or `VID:PID`.
public enum ScannerSelector: Sendable, Equatable, CustomStringConvertible {
    case auto
    case simulated
    case usb(vendorID: UInt16, productID: UInt16)

    static func parse(_ text: String) -> ScannerSelector? {
        switch text {
        case "auto": return .auto
        case "simulated": return .simulated
        default:
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 4 }),
                let vendor = UInt16(parts[0], radix: 16), let product = UInt16(parts[1], radix: 16)
            else { return nil }
            return .usb(vendorID: vendor, productID: product)
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .simulated: "simulated"
        case .usb(let vendor, let product): USBID.format(vendor: vendor, product: product)
        }
    }
}

/// How the receipt printer is chosen: the CUPS default destination, the simulator, or a URI
/// (`ipp://` / `ipps://` for a printer reached directly, `cups:QUEUE` for a local CUPS queue).
public enum PrinterSelector: Sendable, Equatable, CustomStringConvertible {
    case auto
    case simulated
    case ipp(uri: String)
    case cupsQueue(String)

    static func parse(_ text: String) -> PrinterSelector? {
        switch text {
        case "auto": return .auto
        case "simulated": return .simulated
        default:
            if text.hasPrefix("cups:") {
                let queue = String(text.dropFirst("cups:".count))
                let allowed = queue.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
                return queue.isEmpty || !allowed ? nil : .cupsQueue(queue)
            }
            for scheme in ["ipp://", "ipps://"] where text.hasPrefix(scheme) {
                let rest = text.dropFirst(scheme.count)
                let host = rest.prefix { $0 != "/" && $0 != ":" }
                return host.isEmpty ? nil : .ipp(uri: text)
            }
            return nil
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .simulated: "simulated"
        case .ipp(let uri): uri
        case .cupsQueue(let queue): "cups:\(queue)"
        }
    }
}
