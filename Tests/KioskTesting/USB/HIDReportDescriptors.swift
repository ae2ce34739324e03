/// HID report descriptors for the emulated scanners, written item by item from the HID 1.11
/// specification and the HID Point of Sale usage tables (usage page 0x8C, Barcode Scanner).
public enum HIDReportDescriptors {
    /// The boot keyboard of HID 1.11 appendix B.1: modifiers, a reserved byte, six key codes
    /// (8-byte input reports) and five LED bits out.
    public static let bootKeyboard: [UInt8] = [
        0x05, 0x01, // Usage Page (Generic Desktop)
        0x09, 0x06, // Usage (Keyboard)
        0xA1, 0x01, // Collection (Application)
        0x05, 0x07, //   Usage Page (Keyboard/Keypad)
        0x19, 0xE0, 0x29, 0xE7, // Usage Minimum (Left Control), Usage Maximum (Right GUI)
        0x15, 0x00, 0x25, 0x01, // Logical Minimum (0), Logical Maximum (1)
        0x75, 0x01, 0x95, 0x08, // Report Size (1), Report Count (8)
        0x81, 0x02, //   Input (Data, Variable, Absolute): modifier bits
        0x95, 0x01, 0x75, 0x08, // Report Count (1), Report Size (8)
        0x81, 0x01, //   Input (Constant): reserved byte
        0x95, 0x05, 0x75, 0x01, // Report Count (5), Report Size (1)
        0x05, 0x08, //   Usage Page (LEDs)
        0x19, 0x01, 0x29, 0x05, // Usage Minimum (Num Lock), Usage Maximum (Kana)
        0x91, 0x02, //   Output (Data, Variable, Absolute): LED bits
        0x95, 0x01, 0x75, 0x03, // Report Count (1), Report Size (3)
        0x91, 0x01, //   Output (Constant): LED padding
        0x95, 0x06, 0x75, 0x08, // Report Count (6), Report Size (8)
        0x15, 0x00, 0x25, 0x65, // Logical Minimum (0), Logical Maximum (101)
        0x05, 0x07, //   Usage Page (Keyboard/Keypad)
        0x19, 0x00, 0x29, 0x65, // Usage Minimum (0), Usage Maximum (101)
        0x81, 0x00, //   Input (Data, Array): six key codes
        0xC0, // End Collection
    ]

    /// The input report ID carrying scanned data in `barcodeScannerPOS`, 63 bytes after the ID.
    public static let scannedDataReportID: UInt8 = 0x02
    /// The feature report ID of `barcodeScannerPOS` (vendor-defined settings), 63 bytes after the ID.
    public static let settingsFeatureReportID: UInt8 = 0x04

    /// A HID POS barcode scanner: usage page 0x8C usage 0x02, input report 2 of 63 bytes of
    /// Decoded Data, and a 63-byte vendor-defined feature report 4.
    public static let barcodeScannerPOS: [UInt8] = [
        0x06, 0x8C, 0x00, // Usage Page (Barcode Scanner)
        0x09, 0x02, // Usage (Barcode Scanner)
        0xA1, 0x01, // Collection (Application)
        0x09, 0x12, //   Usage (Scanned Data Report)
        0xA1, 0x02, //   Collection (Logical)
        0x85, scannedDataReportID, // Report ID (2)
        0x15, 0x00, 0x26, 0xFF, 0x00, // Logical Minimum (0), Logical Maximum (255)
        0x75, 0x08, 0x95, 0x3F, // Report Size (8), Report Count (63)
        0x09, 0xFE, //     Usage (Decoded Data)
        0x82, 0x02, 0x01, // Input (Data, Variable, Absolute, Buffered Bytes)
        0xC0, //   End Collection
        0x06, 0x00, 0xFF, // Usage Page (Vendor Defined 0xFF00)
        0x09, 0x01, //   Usage (Vendor 1): settings
        0x85, settingsFeatureReportID, // Report ID (4)
        0x75, 0x08, 0x95, 0x3F, // Report Size (8), Report Count (63)
        0xB1, 0x02, //   Feature (Data, Variable, Absolute)
        0xC0, // End Collection
    ]
}
