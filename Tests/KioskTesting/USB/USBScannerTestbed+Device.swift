extension USBScannerTestbed {
    /// The emulated scanner: one configuration, one HID interface with one interrupt-IN endpoint.
    public struct Device: Sendable {
        public var vendorID: UInt16
        public var productID: UInt16
        public var manufacturer: String
        public var product: String
        public var serial: String
        /// 3 = HID.
        public var interfaceClass: UInt8
        /// 1 with protocol 1 = boot keyboard.
        public var interfaceSubclass: UInt8
        public var interfaceProtocol: UInt8
        public var interruptInEndpoint: UInt8
        /// 64 for HID POS, 8 for a keyboard.
        public var maxPacketSize: UInt16
        public var reportDescriptor: [UInt8]
        public var busNumber: UInt8
        public var address: UInt8

        public init(
            vendorID: UInt16, productID: UInt16, manufacturer: String, product: String, serial: String,
            interfaceClass: UInt8 = 3, interfaceSubclass: UInt8 = 0, interfaceProtocol: UInt8 = 0,
            interruptInEndpoint: UInt8 = 0x81, maxPacketSize: UInt16, reportDescriptor: [UInt8],
            busNumber: UInt8 = 1, address: UInt8 = 2
        ) {
            self.vendorID = vendorID
            self.productID = productID
            self.manufacturer = manufacturer
            self.product = product
            self.serial = serial
            self.interfaceClass = interfaceClass
            self.interfaceSubclass = interfaceSubclass
            self.interfaceProtocol = interfaceProtocol
            self.interruptInEndpoint = interruptInEndpoint
            self.maxPacketSize = maxPacketSize
            self.reportDescriptor = reportDescriptor
            self.busNumber = busNumber
            self.address = address
        }

        /// A Newland scanner in keyboard mode: a boot keyboard sending 8-byte key reports.
        public static let newlandKeyboard = Device(
            vendorID: 0x1EAB, productID: 0x1D06, manufacturer: "Newland", product: "NLS-FM430", serial: "FM430-00042",
            interfaceClass: 3, interfaceSubclass: 1, interfaceProtocol: 1,
            maxPacketSize: 8, reportDescriptor: HIDReportDescriptors.bootKeyboard
        )

        /// A Honeywell scanner in HID POS mode: 64-byte reports, report ID 2 carrying scanned data.
        public static let honeywellHIDPOS = Device(
            vendorID: 0x0C2E, productID: 0x0B87, manufacturer: "Honeywell Imaging & Mobility", product: "HID POS Scanner",
            serial: "20231K0042",
            maxPacketSize: 64, reportDescriptor: HIDReportDescriptors.barcodeScannerPOS
        )

        /// The usbfs node libusb opens, e.g. /dev/bus/usb/001/002.
        public var deviceNode: String {
            "/dev/bus/usb/" + Self.threeDigits(busNumber) + "/" + Self.threeDigits(address)
        }

        static func threeDigits(_ value: UInt8) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        }
    }
}
