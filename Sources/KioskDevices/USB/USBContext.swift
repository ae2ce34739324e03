import CLibUSB
import KioskCore

/// One libusb session. Every libusb call of the kiosk goes through this wrapper.
final class USBContext {
    private let handle: OpaquePointer

    init() throws(KioskError) {
        var handle: OpaquePointer?
        let result = libusb_init(&handle)
        guard result == 0, let handle else {
            throw KioskError(.usbUnavailable, "libusb_init failed: \(USBContext.describe(result)) — no USB access on this machine?")
        }
        self.handle = handle
    }

    deinit { libusb_exit(handle) }

    struct DeviceIdentity: Equatable {
        var vendorID: UInt16
        var productID: UInt16
        var busNumber: UInt8
        var address: UInt8
    }

    /// Vendor/product ids and bus addresses of every USB device libusb can see.
    func devices() throws(KioskError) -> [DeviceIdentity] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(handle, &list)
        guard count >= 0, let list else {
            throw KioskError(.usbUnavailable, "libusb_get_device_list failed: \(USBContext.describe(Int32(truncatingIfNeeded: count)))")
        }
        defer { libusb_free_device_list(list, 1) }
        var identities: [DeviceIdentity] = []
        for index in 0..<Int(count) {
            guard let device = list[index] else { continue }
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0 else { continue }
            identities.append(DeviceIdentity(
                vendorID: descriptor.idVendor, productID: descriptor.idProduct,
                busNumber: libusb_get_bus_number(device), address: libusb_get_device_address(device)
            ))
        }
        return identities
    }

    static func describe(_ code: Int32) -> String {
        "\(String(cString: libusb_error_name(code))) (\(String(cString: libusb_strerror(code))))"
    }
}
