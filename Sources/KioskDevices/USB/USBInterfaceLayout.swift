import CLibUSB
import KioskCore

/// The scanner's HID interface and its interrupt-IN endpoint, read from the active configuration.
struct USBInterfaceLayout: Equatable {
    var interfaceNumber: Int32
    var endpoint: UInt8
    var maxPacketSize: Int
    /// HID subclass 1 protocol 1: a boot keyboard, i.e. a scanner in keyboard-emulation mode.
    var isBootKeyboard: Bool

    static let hidClass: UInt8 = 3

    /// The interface `preferred` when it has an interrupt-IN endpoint, else the first HID interface that has one.
    static func read(device: OpaquePointer, preferred: Int?) throws(KioskError) -> USBInterfaceLayout {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        let result = libusb_get_active_config_descriptor(device, &config)
        guard result == 0, let config else {
            throw KioskError(.scannerUnusable, "cannot read the scanner's configuration descriptor: \(USBContext.describe(result))")
        }
        defer { libusb_free_config_descriptor(config) }
        var candidates: [USBInterfaceLayout] = []
        for index in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[index]
            guard interface.num_altsetting > 0, let setting = interface.altsetting else { continue }
            let descriptor = setting.pointee
            for endpointIndex in 0..<Int(descriptor.bNumEndpoints) {
                let endpoint = descriptor.endpoint[endpointIndex]
                let isInterrupt = endpoint.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_INTERRUPT.rawValue)
                let isIn = endpoint.bEndpointAddress & 0x80 != 0
                guard isInterrupt, isIn else { continue }
                candidates.append(USBInterfaceLayout(
                    interfaceNumber: Int32(descriptor.bInterfaceNumber), endpoint: endpoint.bEndpointAddress,
                    maxPacketSize: Int(endpoint.wMaxPacketSize & 0x07FF),
                    isBootKeyboard: descriptor.bInterfaceClass == hidClass && descriptor.bInterfaceSubClass == 1 && descriptor.bInterfaceProtocol == 1
                ))
                break
            }
            if let preferred, candidates.last?.interfaceNumber == Int32(preferred), let chosen = candidates.last { return chosen }
        }
        if preferred == nil, let first = candidates.first { return first }
        let numbers = candidates.map { "\($0.interfaceNumber)" }.joined(separator: ", ")
        throw KioskError(.scannerUnusable, preferred.map {
            "interface \($0) of the scanner has no interrupt-IN endpoint (interfaces with one: \(numbers.isEmpty ? "none" : numbers)) — check `interface` in the scanner's Devices/scanners profile"
        } ?? "the scanner has no interface with an interrupt-IN endpoint — is it a HID scanner?")
    }
}
