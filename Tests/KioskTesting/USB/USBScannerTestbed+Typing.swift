import KioskSimulators

extension USBScannerTestbed {
    /// Key down and key up for each character, as a keyboard-mode scanner sends a code
    /// (usage IDs of a US layout; "\n" is Enter).
    public func type(_ text: String) {
        for character in text {
            guard let (usage, shifted) = Self.keyboardUsage(of: character) else {
                preconditionFailure("no keyboard usage for \(character.unicodeScalars.first?.value ?? 0) in this test helper")
            }
            send(report: [shifted ? 0x02 : 0, 0, usage, 0, 0, 0, 0, 0])
            send(report: [0, 0, 0, 0, 0, 0, 0, 0])
        }
    }

    static func keyboardUsage(of character: Character) -> (UInt8, Bool)? {
        guard let ascii = character.asciiValue else { return nil }
        switch character {
        case "\n": return (0x28, false)
        case "0": return (0x27, false)
        case "1"..."9": return (0x1E + ascii - 0x31, false)
        case "a"..."z": return (0x04 + ascii - 0x61, false)
        case "A"..."Z": return (0x04 + ascii - 0x41, true)
        case "-": return (0x2D, false)
        default: return nil
        }
    }

    /// One HID POS input report (ID 0x02, 64 bytes), as the demo's scanner sends it.
    public static func hidPOSReport(_ data: [UInt8], symbology: String = "]Q1", more: Bool = false) -> [UInt8] {
        HIDPOSReportEncoder.report(data, symbology: symbology, more: more)
    }
}
