/// The standard descriptors of an emulated `USBScannerTestbed.Device`, as a device sends them.
struct USBDescriptorSet: Sendable {
    static let hidDescriptorType: UInt8 = 0x21
    static let reportDescriptorType: UInt8 = 0x22
    static let englishUS: UInt16 = 0x0409

    let device: [UInt8]
    /// The configuration with its interface, HID and endpoint descriptors (wTotalLength bytes).
    let configuration: [UInt8]
    let hid: [UInt8]
    let report: [UInt8]
    private let strings: [String]

    init(_ spec: USBScannerTestbed.Device) {
        report = spec.reportDescriptor
        strings = [spec.manufacturer, spec.product, spec.serial]
        device = [18, 0x01] + Self.le(0x0200) + [0x00, 0x00, 0x00, 64]
            + Self.le(spec.vendorID) + Self.le(spec.productID) + Self.le(0x0100) + [1, 2, 3, 1]
        hid = [9, Self.hidDescriptorType] + Self.le(0x0111) + [0x00, 1, Self.reportDescriptorType] + Self.le(UInt16(report.count))
        let interface: [UInt8] = [9, 0x04, 0, 0, 1, spec.interfaceClass, spec.interfaceSubclass, spec.interfaceProtocol, 0]
        let endpoint: [UInt8] = [7, 0x05, spec.interruptInEndpoint, 0x03] + Self.le(spec.maxPacketSize) + [1]
        let total = UInt16(9 + interface.count + hid.count + endpoint.count)
        configuration = [9, 0x02] + Self.le(total) + [1, 1, 0, 0x80, 50] + interface + hid + endpoint
    }

    /// The sysfs `descriptors` attribute: the device descriptor followed by the configuration.
    var sysfsDescriptors: [UInt8] { device + configuration }

    /// String descriptor `index` (0 is the table of language IDs), or nil when there is none.
    func string(index: UInt8, language: UInt16) -> [UInt8]? {
        if index == 0 { return [4, 0x03] + Self.le(Self.englishUS) }
        guard language == Self.englishUS, Int(index) <= strings.count else { return nil }
        let units = strings[Int(index) - 1].utf16.flatMap { Self.le($0) }
        return [UInt8(2 + units.count), 0x03] + units
    }

    static func le(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
}
