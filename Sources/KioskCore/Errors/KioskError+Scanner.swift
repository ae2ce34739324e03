extension KioskError.Code {
    /// The scanner is on the bus but cannot be used: no access to its device node, no HID interface,
    /// claimed by another program (the message names the fix).
    public static let scannerUnusable = Self("scanner.unusable")
    /// The scanner went away or stopped answering while it was in use.
    public static let scannerLost = Self("scanner.lost")
    /// A pay code already used within its validity was scanned again.
    public static let payCodeAlreadyUsed = Self("paycode.already_used")
}
