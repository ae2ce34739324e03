import KioskCore

/// How a card slot's reader is chosen (kiosk.conf `devices.ssc_reader` / `idcard_reader`): on pcscd,
/// any known model (`auto`), or a reader-name pattern (`*` wildcards), bare or as `pcsc:PATTERN`; the
/// simulator (`simulated`, with --demo); or, for the ID-card slot, a GA 467 reader on a serial line
/// (`serial:/dev/ttyUSB0`, optionally `?baud=9600`) or one driven through its vendor's sdtapi library
/// (`sdtapi:/usr/lib/libsdtapi.so?port=1001`); for the SSC slot, the reader vendor's library for the
/// ministry's standard interface (`library:/opt/vendor/libSSCardDriver.so`, optionally `?type=1`).
public enum ReaderSelector: Sendable, Equatable, CustomStringConvertible {
    case auto
    case simulated
    case namePattern(String)
    case serial(SerialReaderAddress)
    case sdtapi(SDTAPIAddress)
    case library(SSCLibraryAddress)
    /// A model of the devices database by its file name (`model:acs-acr39u`): its PC/SC names, or its `driver`.
    case model(String)

    init(_ text: String) {
        switch text {
        case "auto": self = .auto
        case "simulated": self = .simulated
        default: self = .namePattern(text)
        }
    }

    /// The selector `text` names for the slot, or what is wrong with it.
    static func parse(_ text: String, slot: CardKind) throws(SelectorProblem) -> ReaderSelector {
        guard let colon = text.firstIndex(of: ":"), text[..<colon].count > 1, text[..<colon].allSatisfy({ $0.isLetter && $0.isASCII }) else {
            if text.isEmpty { throw SelectorProblem("must not be empty") }
            return ReaderSelector(text)
        }
        let scheme = String(text[..<colon]), rest = String(text[text.index(after: colon)...])
        switch scheme {
        case "pcsc":
            guard !rest.isEmpty else { throw SelectorProblem("\"pcsc:\" needs a reader name pattern, e.g. pcsc:ACS ACR39U*") }
            return .namePattern(rest)
        case "serial":
            guard slot == .idCard else {
                throw SelectorProblem("a serial reader (GA 467) serves the ID-card slot only; the SSC slot takes auto, a PC/SC reader name pattern, pcsc:PATTERN or library:PATH")
            }
            return .serial(try SerialReaderAddress.parse(rest))
        case "sdtapi":
            guard slot == .idCard else {
                throw SelectorProblem("sdtapi (the ID reader SDK) serves the ID-card slot only; the SSC slot takes auto, a PC/SC reader name pattern, pcsc:PATTERN or library:PATH")
            }
            return .sdtapi(try SDTAPIAddress.parse(rest))
        case "model":
            guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                throw SelectorProblem("\"model:\" needs a reader model's file name in the devices database, e.g. model:acs-acr39u")
            }
            return .model(rest)
        case "library":
            guard slot == .socialSecurityCard else {
                throw SelectorProblem("library: (the standard SSC reader library) serves the SSC slot only; for the ID-card slot use serial: or sdtapi:")
            }
            return .library(try SSCLibraryAddress.parse(rest))
        default:
            let expected = slot == .idCard ? "auto, simulated, a PC/SC reader name pattern, pcsc:PATTERN, serial:/dev/PATH, sdtapi:/PATH/libsdtapi.so?port=N or model:NAME"
                : "auto, simulated, a PC/SC reader name pattern, pcsc:PATTERN, library:/PATH/libSSCardDriver.so or model:NAME"
            throw SelectorProblem("unknown reader back end \"\(scheme):\"; expected \(expected)")
        }
    }

    /// The selector a `model:` names, taken from the devices database: the model's `driver`, or a PC/SC
    /// reader matching its name. Any other selector is itself.
    public func resolved(slot: CardKind, key: String, database: DeviceDatabase) throws(KioskError) -> ReaderSelector {
        guard case .model(let id) = self else { return self }
        guard let model = database.readers.first(where: { $0.id == id }) else {
            let known = database.readers.map(\.id).sorted().joined(separator: ", ")
            throw KioskError(.configInvalid, "devices.\(key): no reader model \"\(id)\" in the devices database's readers/ (known: \(known))")
        }
        let role: DeviceRole = slot == .socialSecurityCard ? .sscReader : .idcardReader
        guard model.roles.contains(role) else {
            throw KioskError(.configInvalid, "devices.\(key): the reader model \"\(id)\" (\(model.name)) does not serve the \(role.label) slot")
        }
        if let driver = model.driver {
            do throws(SelectorProblem) {
                return try ReaderSelector.parse(driver, slot: slot)
            } catch {
                throw KioskError(.configInvalid, "devices.\(key): the reader model \"\(id)\"'s driver: \(error.message)")
            }
        }
        guard let pattern = model.namePatterns.first else {
            throw KioskError(.configInvalid, "devices.\(key): the reader model \"\(id)\" has neither name_patterns nor a driver")
        }
        return .namePattern(pattern)
    }

    /// `PATH[?option=N]` after a scheme: the absolute path, and the one integer option it may take.
    static func pathAndOption(_ text: String, scheme: String, needs: String, option: String, valid: (Int) -> Bool,
                              range: String) throws(SelectorProblem) -> (path: String, value: Int?) {
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasPrefix("/"), path.count > 1, !path.hasSuffix("/") else { throw SelectorProblem("\"\(scheme):\(text)\" needs \(needs)") }
        guard parts.count == 2 else { return (path, nil) }
        var value: Int?
        for given in parts[1].split(separator: "&") {
            let pair = given.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0] == option else {
                throw SelectorProblem("\"\(scheme):\(text)\": unknown option \"\(given)\" (only \(option)=N)")
            }
            guard let number = Int(pair[1]), valid(number) else {
                throw SelectorProblem("\"\(scheme):\(text)\": \(option) must be \(range), not \(pair[1])")
            }
            value = number
        }
        return (path, value)
    }

    /// What is wrong with a selector's text.
    struct SelectorProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .simulated: "simulated"
        case .namePattern(let pattern): pattern
        case .serial(let address): address.description
        case .sdtapi(let address): address.description
        case .library(let address): address.description
        case .model(let id): "model:\(id)"
        }
    }

    /// The PC/SC pattern or `auto` this selector asks pcscd for; nil for a slot pcscd does not serve.
    public var pcscSelector: ReaderSelector? {
        switch self {
        case .serial, .sdtapi, .library, .model: nil
        default: self
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

/// A GA 467 reader on a serial line: `serial:/dev/ttyUSB0` or `serial:/dev/ttyS1?baud=9600`.
public struct SerialReaderAddress: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var baud: Int
    /// The speeds termios offers that readers use; 115200 is GA 467 readers' usual one.
    public static let speeds = [9600, 19200, 38400, 57600, 115200]

    public init(path: String, baud: Int = 115_200) {
        self.path = path
        self.baud = baud
    }

    static func parse(_ text: String) throws(ReaderSelector.SelectorProblem) -> SerialReaderAddress {
        let (path, baud) = try ReaderSelector.pathAndOption(text, scheme: "serial", needs: "the device's absolute path, e.g. serial:/dev/ttyUSB0 or serial:/dev/serial/by-id/…",
                                                            option: "baud", valid: speeds.contains, range: "one of \(speeds.map(String.init).joined(separator: ", "))")
        return SerialReaderAddress(path: path, baud: baud ?? 115_200)
    }

    public var description: String {
        "serial:\(path)" + (baud == 115_200 ? "" : "?baud=\(baud)")
    }
}

/// A reader driven through its vendor's SDK: `sdtapi:/usr/lib/libsdtapi.so?port=1001`. Ports as the
/// SDK numbers them: 1–16 serial COM ports, 1001–1016 USB readers (1001, the first USB reader, by default).
public struct SDTAPIAddress: Sendable, Equatable, CustomStringConvertible {
    public var libraryPath: String
    public var port: Int

    public init(libraryPath: String, port: Int = 1001) {
        self.libraryPath = libraryPath
        self.port = port
    }

    public static func isValidPort(_ port: Int) -> Bool { (1...16).contains(port) || (1001...1016).contains(port) }

    static func parse(_ text: String) throws(ReaderSelector.SelectorProblem) -> SDTAPIAddress {
        let (path, port) = try ReaderSelector.pathAndOption(text, scheme: "sdtapi", needs: "the library's absolute path, e.g. sdtapi:/usr/lib/libsdtapi.so?port=1001",
                                                            option: "port", valid: isValidPort, range: "1–16 (COM ports) or 1001–1016 (USB readers)")
        return SDTAPIAddress(libraryPath: path, port: port ?? 1001)
    }

    public var description: String { "sdtapi:\(libraryPath)?port=\(port)" }
}

/// The SSC reader vendor's library for the ministry's standard interface: `library:/opt/vendor/libSSCardDriver.so`,
/// optionally `?type=N`, the interface's `iType`: 1 contact, 2 contactless, 3 either, contact first
/// (the default), 4 either, contactless first.
public struct SSCLibraryAddress: Sendable, Equatable, CustomStringConvertible {
    public var libraryPath: String
    public var cardType: Int

    public init(libraryPath: String, cardType: Int = 3) {
        self.libraryPath = libraryPath
        self.cardType = cardType
    }

    static func parse(_ text: String) throws(ReaderSelector.SelectorProblem) -> SSCLibraryAddress {
        let (path, type) = try ReaderSelector.pathAndOption(text, scheme: "library", needs: "the library's absolute path, e.g. library:/opt/vendor/libSSCardDriver.so",
                                                            option: "type", valid: (1...4).contains,
                                                            range: "1 (contact), 2 (contactless), 3 (either, contact first) or 4 (either, contactless first)")
        return SSCLibraryAddress(libraryPath: path, cardType: type ?? 3)
    }

    public var description: String { "library:\(libraryPath)" + (cardType == 3 ? "" : "?type=\(cardType)") }
}
