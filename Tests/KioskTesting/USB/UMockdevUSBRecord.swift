/// The umockdev description (the `umockdev-record` text format) of an emulated USB device:
/// udev properties (E:), sysfs attributes (A:) and the binary `descriptors` attribute (H:).
///
/// It has no `N:` line: the testbed makes the device node itself (a pseudo-terminal, see
/// `ReapReadinessTerminal`), so that umockdev does not create a plain file there.
struct UMockdevUSBRecord {
    let device: USBScannerTestbed.Device
    let descriptors: USBDescriptorSet

    /// The device's sysfs path below /sys, as umockdev's `P:` line and `uevent()` want it.
    var devicePath: String { "/devices/pci0000:00/0000:00:14.0/usb\(device.busNumber)/\(device.busNumber)-1" }
    var sysfsPath: String { "/sys" + devicePath }

    var text: String {
        let bus = USBScannerTestbed.Device.threeDigits(device.busNumber)
        let address = USBScannerTestbed.Device.threeDigits(device.address)
        let minor = (Int(device.busNumber) - 1) * 128 + Int(device.address) - 1
        let lines = [
            "P: \(devicePath)",
            "E: SUBSYSTEM=usb",
            "E: DEVTYPE=usb_device",
            "E: DRIVER=usb",
            "E: DEVNAME=\(device.deviceNode)",
            "E: BUSNUM=\(bus)",
            "E: DEVNUM=\(address)",
            "E: MAJOR=189",
            "E: MINOR=\(minor)",
            "E: PRODUCT=\(hex(device.vendorID, width: 0))/\(hex(device.productID, width: 0))/100",
            "E: TYPE=0/0/0",
            attribute("idVendor", hex(device.vendorID, width: 4)),
            attribute("idProduct", hex(device.productID, width: 4)),
            attribute("manufacturer", device.manufacturer),
            attribute("product", device.product),
            attribute("serial", device.serial),
            attribute("bDeviceClass", "00"),
            attribute("bNumConfigurations", "1"),
            attribute("bConfigurationValue", "1"),
            attribute("bNumInterfaces", " 1"),
            attribute("bMaxPacketSize0", "64"),
            attribute("busnum", String(device.busNumber)),
            attribute("devnum", String(device.address)),
            attribute("speed", "12"),
            attribute("version", " 2.00"),
            "H: descriptors=" + descriptors.sysfsDescriptors.map { hex(UInt16($0), width: 2) }.joined(),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A sysfs attribute line: as in the kernel, the value ends with a newline (escaped, since
    /// umockdev unescapes A: values like g_strcompress).
    private func attribute(_ name: String, _ value: String) -> String {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        return "A: \(name)=\(escaped)\\n"
    }

    private func hex(_ value: UInt16, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
