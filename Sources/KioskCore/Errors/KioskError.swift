/// The one error type of the kiosk: a stable `code` that tests and the UI match on,
/// a message for logs (never personal data) and an optional underlying cause.
public struct KioskError: Error, Sendable, CustomStringConvertible {
    public let code: Code
    public let message: String
    public let cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "[\(code.rawValue)] \(message) (cause: \(cause))" }
        return "[\(code.rawValue)] \(message)"
    }
}

extension KioskError {
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let configUnreadable = Code("config.unreadable")
        public static let configInvalid = Code("config.invalid")
        public static let adminSocketUnavailable = Code("admin.socket_unavailable")
        public static let adminGroupUnknown = Code("admin.group_unknown")
        public static let pcscUnavailable = Code("pcsc.unavailable")
        public static let usbUnavailable = Code("usb.unavailable")
        public static let printerUnreachable = Code("printer.unreachable")
        public static let devicesDatabaseInvalid = Code("devices.database_invalid")
        public static let policyInvalid = Code("policy.invalid")
        /// A demo control asked for something the demo cannot do now (no such resident, no QR shown).
        public static let demoRefused = Code("demo.refused")
    }
}
