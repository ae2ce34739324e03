/// A USB device's vendor and product IDs as lsusb writes them: "1eab:1d06".
public enum USBID {
    public static func format(vendor: UInt16, product: UInt16) -> String {
        hex4(vendor) + ":" + hex4(product)
    }

    public static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
