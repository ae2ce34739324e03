/// What a HID keyboard usage ID (usage page 0x07) means to a scanner in keyboard emulation.
///
/// Decoded by usage ID with the US assignment of characters to keys, never through the host's
/// keyboard layout: the scanner must keep its factory "US keyboard" setting. Shifted digits give
/// the US symbols (`!@#$%^&*()`), so URLs with `%`, `&` and `#` come through. Tab is part of the
/// code (some 2D codes separate fields with it). Keypad keys ignore shift and Num Lock.
enum KeyboardUsage: Equatable {
    case character(Character)
    /// Enter or keypad Enter: the code is complete.
    case enter

    /// Shift is modifier bit 0x02 (left) or 0x20 (right).
    static let shiftBits: UInt8 = 0x22
    /// Ctrl, Alt and GUI: with any of them held a key does not type its character.
    static let commandBits: UInt8 = 0xDD

    /// nil for a usage that is not part of a code (function keys, arrows, Caps Lock, error codes…).
    init?(usage: UInt8, shifted: Bool) {
        switch usage {
        case 0x04...0x1D:
            let letter = Character(Unicode.Scalar((shifted ? 0x41 : 0x61) + usage - 0x04))
            self = .character(letter)
        case 0x1E...0x27:
            let index = Int(usage - 0x1E)
            self = .character((shifted ? Self.shiftedDigits : Self.digits)[index])
        case 0x28, 0x58:
            self = .enter
        case 0x59...0x62:
            self = .character(Self.digits[Int(usage - 0x59)])
        default:
            if let character = Self.keypad[usage] {
                self = .character(character)
            } else if let characters = Self.punctuation[usage] {
                self = .character(shifted ? characters.shifted : characters.plain)
            } else {
                return nil
            }
        }
    }

    private static let digits: [Character] = Array("1234567890")
    private static let shiftedDigits: [Character] = Array("!@#$%^&*()")

    private struct ShiftPair {
        let plain: Character
        let shifted: Character
    }

    /// The main block's other keys (0x32, the non-US "#" key, is not among them).
    private static let punctuation: [UInt8: ShiftPair] = [
        0x2B: ShiftPair(plain: "\t", shifted: "\t"), 0x2C: ShiftPair(plain: " ", shifted: " "),
        0x2D: ShiftPair(plain: "-", shifted: "_"), 0x2E: ShiftPair(plain: "=", shifted: "+"),
        0x2F: ShiftPair(plain: "[", shifted: "{"), 0x30: ShiftPair(plain: "]", shifted: "}"),
        0x31: ShiftPair(plain: "\\", shifted: "|"), 0x33: ShiftPair(plain: ";", shifted: ":"),
        0x34: ShiftPair(plain: "'", shifted: "\""), 0x35: ShiftPair(plain: "`", shifted: "~"),
        0x36: ShiftPair(plain: ",", shifted: "<"), 0x37: ShiftPair(plain: ".", shifted: ">"),
        0x38: ShiftPair(plain: "/", shifted: "?"),
    ]

    private static let keypad: [UInt8: Character] = [0x54: "/", 0x55: "*", 0x56: "-", 0x57: "+", 0x63: "."]
}
