import KioskConfig
import KioskCore

/// The scanner device in use: which model, where on the bus, in which mode.
struct AttachedScanner: Sendable, Equatable, CustomStringConvertible {
    var modelName: String
    var vendorID: UInt16
    var productID: UInt16
    var busNumber: UInt8
    var address: UInt8
    var mode: ScannerMode

    var description: String {
        "\(modelName) \(USBID.format(vendor: vendorID, product: productID)) on bus \(busNumber) address \(address)"
    }
}

/// What the USB event thread tells the scanner's owner.
enum USBScannerEvent: Sendable {
    /// No matching device is on the bus (yet): hot-plug will report it when it arrives.
    case absent(String)
    case attached(AttachedScanner)
    case detached(AttachedScanner, reason: ScannerConnectionEnding)
    case decoded(DecodedScan, AttachedScanner)
    case discarded(String)
    /// The device is there but cannot be used, or failed while in use.
    case fault(DeviceState, RequiredAction, String)
}
