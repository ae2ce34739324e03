import CPCSCLite

/// PC/SC return codes the kiosk reacts to (pcsclite.h defines them as cast macros Swift cannot import).
public struct PCSCStatusCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    init(_ value: LONG) { self.rawValue = Int(value) }

    public static let success = PCSCStatusCode(rawValue: 0)
    public static let cancelled = PCSCStatusCode(rawValue: 0x8010_0002)
    public static let invalidHandle = PCSCStatusCode(rawValue: 0x8010_0003)
    public static let unknownReader = PCSCStatusCode(rawValue: 0x8010_0009)
    public static let sharingViolation = PCSCStatusCode(rawValue: 0x8010_000B)
    public static let notReady = PCSCStatusCode(rawValue: 0x8010_0010)
    /// The reader lost the card mid-command (vpcd: the card's socket closed).
    public static let notTransacted = PCSCStatusCode(rawValue: 0x8010_0016)
    public static let readerUnsupported = PCSCStatusCode(rawValue: 0x8010_001A)
    public static let unresponsiveCard = PCSCStatusCode(rawValue: 0x8010_0066)
    public static let unpoweredCard = PCSCStatusCode(rawValue: 0x8010_0067)
    public static let resetCard = PCSCStatusCode(rawValue: 0x8010_0068)
    public static let timeout = PCSCStatusCode(rawValue: 0x8010_000A)
    public static let noSmartcard = PCSCStatusCode(rawValue: 0x8010_000C)
    public static let readerUnavailable = PCSCStatusCode(rawValue: 0x8010_0017)
    public static let noService = PCSCStatusCode(rawValue: 0x8010_001D)
    public static let serviceStopped = PCSCStatusCode(rawValue: 0x8010_001E)
    public static let noReadersAvailable = PCSCStatusCode(rawValue: 0x8010_002E)
    public static let removedCard = PCSCStatusCode(rawValue: 0x8010_0069)

    /// pcscd went away: the context is dead and must be established again.
    public var meansServiceGone: Bool { self == .noService || self == .serviceStopped || self == .invalidHandle }

    public var description: String {
        let hex = String(UInt32(truncatingIfNeeded: rawValue), radix: 16, uppercase: true)
        return "0x\(hex) (\(String(cString: pcsc_stringify_error(LONG(rawValue)))))"
    }
}
