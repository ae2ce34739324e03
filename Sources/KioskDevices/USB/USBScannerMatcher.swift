import CLibUSB
import KioskConfig
import KioskCore

/// Which USB devices are this kiosk's scanner: the configured VID:PID, or any known model with `auto`.
struct USBScannerMatcher: Sendable {
    struct Match {
        var model: ScannerModel
        /// No profile for this VID:PID: the mode is read from the interface (boot keyboard or not).
        var detectMode: Bool
    }

    let selector: ScannerSelector
    let models: [ScannerModel]

    func match(_ device: OpaquePointer) -> Match? {
        var descriptor = libusb_device_descriptor()
        guard libusb_get_device_descriptor(device, &descriptor) == 0 else { return nil }
        return match(vendorID: descriptor.idVendor, productID: descriptor.idProduct)
    }

    func match(vendorID: UInt16, productID: UInt16) -> Match? {
        let known = models.first { $0.vendorID == vendorID && $0.productID == productID }
        switch selector {
        case .auto:
            return known.map { Match(model: $0, detectMode: false) }
        case .usb(let vendor, let product) where vendor == vendorID && product == productID:
            if let known { return Match(model: known, detectMode: false) }
            return Match(model: ScannerModel(unprofiledVendorID: vendorID, productID: productID), detectMode: true)
        case .usb, .simulated:
            return nil
        }
    }

    var absentDetail: String {
        switch selector {
        case .usb(let vendor, let product): "no device \(USBID.format(vendor: vendor, product: product)) on USB — check the scanner's cable"
        default: "no known scanner model on USB (\(models.map(\.name).joined(separator: ", "))) — check the scanner's cable"
        }
    }
}
