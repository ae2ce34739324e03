/// How a USB scanner hands over codes: HID POS reports (usage page 0x8C) or typed keys.
public enum ScannerMode: String, Sendable, Codable {
    case hidPOS = "hid-pos"
    case keyboard
}
